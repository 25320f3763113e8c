package dev.signals.application.port.in;

import dev.signals.application.port.in.ReportEventsUseCase.Rejection;
import dev.signals.domain.account.InstitutionId;

import java.util.List;

/**
 * An institution withdraws events it reported (contract section 4.1): each retraction on its own; an unknown
 * event id, or one of another institution's events, is rejected without saying which. A retraction is durable
 * when this returns, and from then on the event no longer counts, while requests as of an earlier instant still
 * see it.
 */
public interface RetractEventsUseCase {

    int MAX_BATCH = 10_000;

    /**
     * @param retractions at most {@link #MAX_BATCH}
     * @throws dev.signals.application.port.InvalidCommandException for a batch that is too large or empty
     * @throws dev.signals.application.port.StorageUnavailableException when nothing could be stored
     */
    RetractOutcome retract(InstitutionId institution, List<RetractionReport> retractions);

    /** What became of a batch of retractions. */
    record RetractOutcome(int retracted, int alreadyRetracted, List<Rejection> rejected) {

        public RetractOutcome {
            rejected = List.copyOf(rejected);
        }
    }
}

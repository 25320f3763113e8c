package dev.signals.application.port.in;

import dev.signals.domain.account.InstitutionId;

import java.util.List;

/**
 * An institution reports events about subjects (contract section 4). Good events are kept even when
 * others of the batch are rejected; an accepted event is durable when this returns.
 */
public interface ReportEventsUseCase {

    int MAX_BATCH = 10_000;

    /**
     * @param events at most {@link #MAX_BATCH}
     * @throws dev.signals.application.port.InvalidCommandException for a batch that is too large or empty
     * @throws dev.signals.application.port.StorageUnavailableException when nothing could be stored
     */
    ReportOutcome report(InstitutionId institution, List<EventReport> events);

    /** What became of a batch. */
    record ReportOutcome(int accepted, int duplicates, List<Rejection> rejected) {

        public ReportOutcome {
            rejected = List.copyOf(rejected);
        }

        /** Both outcomes together; indexes stay as each batch gave them (a stream's are line numbers). */
        public ReportOutcome plus(ReportOutcome other) {
            List<Rejection> all = new java.util.ArrayList<>(rejected);
            all.addAll(other.rejected);
            return new ReportOutcome(accepted + other.accepted, duplicates + other.duplicates, all);
        }
    }

    /** A refused event: its position in the batch, its id when it had one, and why. */
    record Rejection(int index, String eventId, String message) {
    }
}

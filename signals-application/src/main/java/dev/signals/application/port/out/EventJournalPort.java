package dev.signals.application.port.out;

import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.event.Retraction;

import java.time.Instant;
import java.util.List;

/** The durable record of every accepted event: the source of truth the in-memory index is rebuilt from. */
public interface EventJournalPort {

    /**
     * Stores the events that are new, in one transaction, committed when this returns.
     *
     * @param events events of one institution with distinct event ids
     * @return for each event, in order, whether it was new, already there with the same content, or
     *         already there with other content; and the position of the transaction that stored the new ones
     * @throws dev.signals.application.port.StorageUnavailableException when the database cannot be reached
     */
    AppendResult append(InstitutionId institution, List<Event> events);

    /**
     * What {@link #append} did.
     *
     * @param outcomes    for each event, in order, what became of it
     * @param transaction the position of the transaction that stored the new events, as the {@link JournalFeedPort}
     *                    numbers transactions; null when nothing was new
     */
    record AppendResult(List<Appended> outcomes, JournalPosition transaction) {

        public AppendResult {
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * Withdraws events {@code institution} reported (contract section 4.1), in one transaction, committed when this
     * returns: each found event of the institution that is not retracted yet gets a retraction at {@code retractedAt}.
     *
     * @param retractions of one institution, with distinct event ids
     * @return for each retraction, in order, what became of it; the events it retracted; and the position of the
     *         transaction that stored them (null when nothing was new)
     * @throws dev.signals.application.port.StorageUnavailableException when the database cannot be reached
     */
    RetractResult retract(InstitutionId institution, List<Retraction> retractions, Instant retractedAt);

    /** What {@link #append} did with one event. */
    enum Appended {
        NEW,
        DUPLICATE,
        CONFLICT,
        /** The institution reported an event with this id and retracted it: the id stays taken. */
        RETRACTED
    }

    /** What {@link #retract} did with one retraction. */
    enum Retracted {
        RETRACTED,
        ALREADY_RETRACTED,
        /** The institution reported no event with this id (whether another did is not told). */
        UNKNOWN
    }

    /**
     * What {@link #retract} did.
     *
     * @param outcomes    for each retraction, in order
     * @param retracted   the events this call retracted, with the instant
     * @param transaction as in {@link AppendResult}
     */
    record RetractResult(List<Retracted> outcomes, List<RetractedEvent> retracted, JournalPosition transaction) {

        public RetractResult {
            outcomes = List.copyOf(outcomes);
            retracted = List.copyOf(retracted);
        }
    }
}

package dev.signals.application.port.out;

import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.Event;

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
     * @param transaction the position of the transaction that stored the new events, for a
     *                    {@link JournalFeedPort} shared with other processes; null when nothing was new or no
     *                    other process reads the journal
     */
    record AppendResult(List<Appended> outcomes, JournalPosition transaction) {

        public AppendResult {
            outcomes = List.copyOf(outcomes);
        }
    }

    /** What {@link #append} did with one event. */
    enum Appended {
        NEW,
        DUPLICATE,
        CONFLICT
    }
}

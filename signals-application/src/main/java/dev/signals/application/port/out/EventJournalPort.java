package dev.signals.application.port.out;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.Event;

import java.util.List;
import java.util.function.Consumer;

/** The durable record of every accepted event: the source of truth the in-memory index is rebuilt from. */
public interface EventJournalPort {

    /**
     * Stores the events that are new, in one transaction, committed when this returns.
     *
     * @param events events of one institution with distinct event ids
     * @return for each event, in order, whether it was new, already there with the same content, or
     *         already there with other content
     * @throws dev.signals.application.StorageUnavailableException when the database cannot be reached
     */
    List<Appended> append(InstitutionId institution, List<Event> events);

    /** Hands every stored event to {@code sink}, in batches of at most {@code batchSize}, oldest first. */
    void replay(int batchSize, Consumer<List<Event>> sink);

    /** What {@link #append} did with one event. */
    enum Appended {
        NEW,
        DUPLICATE,
        CONFLICT
    }
}

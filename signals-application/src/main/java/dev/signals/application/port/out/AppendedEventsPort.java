package dev.signals.application.port.out;

import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;

import java.util.Collection;

/**
 * Makes the events an append of this node stored (and the retractions it committed) count for this node's signal
 * requests at once, before any other node's feed brings them (contract section 7.1: at once on the node that
 * acknowledged them).
 */
public interface AppendedEventsPort {

    /**
     * @param transaction the position of the transaction that stored them ({@link EventJournalPort.AppendResult})
     * @param events      the events that were new, each once
     */
    void indexAppended(JournalPosition transaction, Collection<Event> events);

    /**
     * Makes the retractions this node just committed count at once, as {@link #indexAppended} does for events.
     *
     * @param transaction the position of the transaction that stored them ({@link EventJournalPort.RetractResult})
     */
    void indexRetracted(JournalPosition transaction, Collection<RetractedEvent> retracted);
}

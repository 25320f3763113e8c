package dev.signals.application.port.out;

import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;

import java.util.Collection;

/** Makes newly journaled events visible to signal requests. */
public interface EventIndexPort {

    /** Adds events that are new to the network; each is added once. */
    void addAll(Collection<Event> events);

    /**
     * Makes each of these events count only before its retraction (contract sections 3.2 and 4.1); each retraction
     * is recorded once, of an event added before.
     */
    void retractAll(Collection<RetractedEvent> retracted);
}

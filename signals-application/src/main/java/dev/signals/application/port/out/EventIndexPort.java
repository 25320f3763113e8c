package dev.signals.application.port.out;

import dev.signals.domain.event.Event;

import java.util.Collection;

/** Makes newly journaled events visible to signal requests. */
public interface EventIndexPort {

    /** Adds events that are new to the network; each is added once. */
    void addAll(Collection<Event> events);
}

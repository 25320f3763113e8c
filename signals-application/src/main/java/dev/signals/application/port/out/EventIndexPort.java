package dev.signals.application.port.out;

import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;

import java.time.Instant;
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

    /**
     * Lets the events that occurred before {@code fullFrom} leave memory, but for each subject's latest of each type
     * (issue 18, {@link dev.signals.domain.calculation.Horizon}); the histories given after carry that horizon.
     *
     * @return how many events left
     */
    int keepInFullFrom(Instant fullFrom);
}

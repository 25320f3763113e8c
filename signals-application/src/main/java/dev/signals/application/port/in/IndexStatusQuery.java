package dev.signals.application.port.in;

import java.time.Duration;

/** How far this node's event index has followed the journal. */
public interface IndexStatusQuery {

    IndexStatus indexStatus();

    /**
     * @param ready    whether the index has read the journal once, up to the horizon at start: before that the
     *                 node must not answer signal requests nor take events
     * @param position the journal position read up to (the feed's horizon), as text
     * @param events   the number of events indexed
     * @param lag      how old the index's view of the journal is: the time since the last read that reached the
     *                 horizon of its moment; null before the index is ready
     */
    record IndexStatus(boolean ready, String position, long events, Duration lag) {
    }
}

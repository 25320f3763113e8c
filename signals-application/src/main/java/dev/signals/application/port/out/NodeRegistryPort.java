package dev.signals.application.port.out;

import java.time.Duration;
import java.time.Instant;

/** The nodes serving one database, each saying now and then that it is alive (contract section 7.1). */
public interface NodeRegistryPort {

    /** Records that node {@code nodeId}, started at {@code startedAt}, is alive at {@code now}. */
    void alive(String nodeId, Instant startedAt, Instant now);

    /** The number of nodes seen alive within {@code within} before {@code now}; at least this node's own. */
    int aliveNodes(Instant now, Duration within);

    /** Removes a node that stops, so that the others count it out at once. */
    void leave(String nodeId);
}

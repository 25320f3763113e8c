package dev.signals.application.service;

import dev.signals.application.port.in.DeploymentQuery;
import dev.signals.application.port.out.NodeRegistryPort;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * This node among the nodes of its deployment: it says it is alive every {@link #HEARTBEAT} and counts the nodes
 * that did so within {@link #ALIVE_WITHIN}. Limits that must hold for the whole deployment (an account's request
 * rate, the wrong secrets a key may try) are shared out among the nodes alive, so that all of them together allow
 * no more than the limit.
 */
public final class DeploymentService implements DeploymentQuery {

    /** How often a node says it is alive. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** How recently a node must have said so to count: a node that stopped without leaving counts that long. */
    public static final Duration ALIVE_WITHIN = Duration.ofSeconds(5);

    private final NodeRegistryPort registry;
    private final Clock clock;
    private final String nodeId;
    private final Instant startedAt;
    private volatile int aliveNodes = 1;

    public DeploymentService(NodeRegistryPort registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nodeId = Secrets.newId("node-");
        this.startedAt = clock.instant();
    }

    /** Says this node is alive and counts the nodes alive; called every {@link #HEARTBEAT}. */
    public void heartbeat() {
        Instant now = clock.instant();
        registry.alive(nodeId, startedAt, now);
        aliveNodes = registry.aliveNodes(now, ALIVE_WITHIN);
    }

    /** Says this node stops, so that the others count it out at their next heartbeat. */
    public void leave() {
        registry.leave(nodeId);
    }

    @Override
    public int aliveNodes() {
        return aliveNodes;
    }

    public String nodeId() {
        return nodeId;
    }
}

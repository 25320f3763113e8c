package dev.signals.bootstrap;

import dev.signals.application.service.DeploymentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Says every {@link DeploymentService#HEARTBEAT} that this node is alive and counts the nodes alive, until the
 * service stops; then says it leaves. A heartbeat that fails (the database away) is simply the next one's to do.
 */
final class NodeHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final DeploymentService deployment;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "node-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private NodeHeartbeat(DeploymentService deployment) {
        this.deployment = deployment;
    }

    static NodeHeartbeat start(DeploymentService deployment) {
        NodeHeartbeat heartbeat = new NodeHeartbeat(deployment);
        long period = DeploymentService.HEARTBEAT.toMillis();
        heartbeat.timer.scheduleWithFixedDelay(heartbeat::beat, 0, period, TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    private void beat() {
        try {
            deployment.heartbeat();
        } catch (RuntimeException e) {
            LOG.debug("Heartbeat of node {} failed: {}", deployment.nodeId(), e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
            deployment.leave();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Node {} could not say it leaves: {}", deployment.nodeId(), e.getMessage());
        }
    }
}

package dev.signals.adapter.rest.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * How the server stops without cutting requests off. It answers {@code /health} 503 and keeps serving everything
 * else for the shutdown grace, so that a load balancer takes this node out before it refuses requests; then it
 * stops taking requests (new ones are answered 503) and lets the ones in flight finish, up to
 * {@link #DRAIN_TIMEOUT}, before the port closes.
 */
public final class GracefulStop {

    /** How long a stop waits for the requests in flight. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    private static final String COUNTED = "signals.counted";
    private static final long LINGER_MILLIS = 100;

    private final Duration grace;
    /** Set when a stop begins: {@code /health} answers 503 from then on, while requests are still served for the grace. */
    private volatile boolean leaving;
    private final Object drain = new Object();
    private int inFlight;
    private boolean stopping;

    /** @param grace how long a stopping node keeps serving while {@code /health} already answers 503; zero for none */
    public GracefulStop(Duration grace) {
        this.grace = grace;
    }

    /** Counts the requests in flight, refuses new ones once the stop has begun, and {@code /health} while leaving. */
    void addTo(Javalin app) {
        app.before(this::admit);
        app.before("/health", this::refuseHealthWhileLeaving);
        app.after(this::finished);
    }

    /** Runs the stop as described above, then {@code close}, which closes the port. */
    public void stop(Runnable close) {
        leaving = true;
        if (!grace.isZero()) {
            LOG.info("Stopping: /health answers 503, requests are served for {} ms more", grace.toMillis());
            try {
                Thread.sleep(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (drain) {
            stopping = true;
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (inFlight > 0 && System.nanoTime() < deadline) {
                try {
                    drain.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (inFlight > 0) {
                LOG.warn("Stopping with {} request(s) still in flight after {}", inFlight, DRAIN_TIMEOUT);
            }
        }
        // A request counts as finished when its handlers are done; Jetty writes its answer just after, on the
        // same thread. Let those last answers leave before the port closes.
        lingerForLastAnswers();
        close.run();
    }

    private void refuseHealthWhileLeaving(Context ctx) {
        if (leaving) {
            throw ApiException.serverUnavailable("This node is stopping");
        }
    }

    private static void lingerForLastAnswers() {
        try {
            Thread.sleep(LINGER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void admit(Context ctx) {
        synchronized (drain) {
            if (stopping) {
                throw ApiException.serverUnavailable("The service is shutting down; please retry");
            }
            inFlight++;
            ctx.attribute(COUNTED, Boolean.TRUE);
        }
    }

    private void finished(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(COUNTED))) {
            synchronized (drain) {
                inFlight--;
                drain.notifyAll();
            }
        }
    }
}

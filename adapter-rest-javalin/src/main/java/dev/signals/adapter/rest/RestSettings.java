package dev.signals.adapter.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP side's limits.
 *
 * @param requestsPerSecond  sustained requests per second per account (token bucket refill); 0 turns the limit off
 * @param burst              requests an account may make at once (bucket size)
 * @param failedAuthAttempts wrong secrets for one API key within {@code failedAuthWindow} before that key is refused
 *                           with 429 until the window ends
 * @param failedAuthWindow   the window of {@code failedAuthAttempts}
 * @param maxThreads         request threads
 * @param queueCapacity      requests waiting for a thread; beyond it connections are refused, not queued without end
 * @param shutdownGrace      how long a stopping node keeps serving while {@code /health} already answers 503, so that
 *                           a balancer's health checks take it out before it refuses requests; zero for none
 */
public record RestSettings(double requestsPerSecond, int burst, int failedAuthAttempts, Duration failedAuthWindow,
                           int maxThreads, int queueCapacity, Duration shutdownGrace) {

    public static final RestSettings DEFAULTS = new RestSettings(100, 200, 10, Duration.ofMinutes(1), 64, 512);

    /** Without a shutdown grace. */
    public RestSettings(double requestsPerSecond, int burst, int failedAuthAttempts, Duration failedAuthWindow,
                        int maxThreads, int queueCapacity) {
        this(requestsPerSecond, burst, failedAuthAttempts, failedAuthWindow, maxThreads, queueCapacity, Duration.ZERO);
    }

    public RestSettings {
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("SIGNALS_RATE_LIMIT must be >= 0 (0 turns it off), was " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("SIGNALS_RATE_BURST must be >= 1, was " + burst);
        }
        if (failedAuthAttempts < 1) {
            throw new IllegalArgumentException("SIGNALS_AUTH_FAILURES must be >= 1, was " + failedAuthAttempts);
        }
        Objects.requireNonNull(failedAuthWindow, "failedAuthWindow");
        if (maxThreads < 8) {
            throw new IllegalArgumentException("SIGNALS_HTTP_THREADS must be >= 8, was " + maxThreads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("SIGNALS_HTTP_QUEUE must be >= 1, was " + queueCapacity);
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("SIGNALS_SHUTDOWN_GRACE_MS must be >= 0, was " + shutdownGrace);
        }
    }
}

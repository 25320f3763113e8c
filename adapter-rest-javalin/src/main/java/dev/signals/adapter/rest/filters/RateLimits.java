package dev.signals.adapter.rest.filters;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Per-account request rate (a token bucket per account) and per-API-key failed authentication (a
 * fixed window per key). Each answers how long the caller must wait, in nanoseconds, 0 when it may go on.
 *
 * <p>Both limits hold for the deployment, not for each node (contract section 7.1): each of the N nodes alive
 * allows its share, the rate and burst divided by N (a burst of at least one) and {@code ceil(attempts / N)}
 * wrong secrets per window, so that all nodes together allow at most the rate, and at most {@code attempts + N - 1}
 * wrong secrets. A balancer that spreads an account's requests over the nodes lets it use all of its rate; one
 * that sends them all to one node, a share of it.
 */
public final class RateLimits {

    /** Keys whose state is kept at most; beyond it the stale ones are dropped. */
    private static final int MAX_TRACKED = 100_000;

    private final double requestsPerSecond;
    private final int burst;
    private final int failedAuthAttempts;
    private final long failedAuthWindowNanos;
    private final LongSupplier nanoTime;
    private final IntSupplier nodes;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /**
     * @param requestsPerSecond  sustained requests per second per account; 0 turns the limit off
     * @param burst              requests an account may make at once
     * @param failedAuthAttempts wrong secrets for one API key within {@code failedAuthWindow} before it is refused
     * @param failedAuthWindow   the window of {@code failedAuthAttempts}
     * @param nanoTime           the clock, {@link System#nanoTime()} but in tests
     * @param nodes              the number of nodes alive in the deployment, this one included
     */
    public RateLimits(double requestsPerSecond, int burst, int failedAuthAttempts, Duration failedAuthWindow,
                      LongSupplier nanoTime, IntSupplier nodes) {
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
        this.failedAuthAttempts = failedAuthAttempts;
        this.failedAuthWindowNanos = failedAuthWindow.toNanos();
        this.nanoTime = nanoTime;
        this.nodes = nodes;
    }

    private int nodes() {
        return Math.max(1, nodes.getAsInt());
    }

    /** Takes a token for the account; returns 0, or the nanoseconds until a token is there. */
    long acquire(String accountId) {
        if (requestsPerSecond == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(accountId, id -> new Bucket(now)).take(now);
    }

    /** 0 when the key may try to authenticate, else the nanoseconds until its window ends. */
    long lockedFor(String apiKey) {
        Failures state = failures.get(apiKey);
        return state == null ? 0 : state.lockedFor(nanoTime.getAsLong());
    }

    void failed(String apiKey) {
        long now = nanoTime.getAsLong();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(state -> state.expired(now));
        }
        failures.computeIfAbsent(apiKey, key -> new Failures()).record(now);
    }

    void succeeded(String apiKey) {
        failures.remove(apiKey);
    }

    /** An account's bucket on this node: its share of the rate and burst, for the nodes alive now. */
    private final class Bucket {

        private double tokens;
        private long last;

        Bucket(long now) {
            this.tokens = capacity();
            this.last = now;
        }

        private double capacity() {
            return Math.max(1.0, (double) burst / nodes());
        }

        private double perNano() {
            return requestsPerSecond / 1e9 / nodes();
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano());
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity();
        }

        private void refill(long now) {
            tokens = Math.min(capacity(), tokens + (now - last) * perNano());
            last = now;
        }
    }

    private final class Failures {

        private long windowStart = Long.MIN_VALUE;
        private int count;

        synchronized void record(long now) {
            if (expired(now)) {
                windowStart = now;
                count = 0;
            }
            count++;
        }

        synchronized long lockedFor(long now) {
            int share = (failedAuthAttempts + nodes() - 1) / nodes();
            if (expired(now) || count < share) {
                return 0;
            }
            return windowStart + failedAuthWindowNanos - now;
        }

        synchronized boolean expired(long now) {
            return windowStart == Long.MIN_VALUE || now - windowStart >= failedAuthWindowNanos;
        }
    }
}

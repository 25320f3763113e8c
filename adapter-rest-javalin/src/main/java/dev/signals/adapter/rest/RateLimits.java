package dev.signals.adapter.rest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-account request rate (a token bucket per account) and per-API-key failed authentication (a
 * fixed window per key). Each answers how long the caller must wait, in nanoseconds, 0 when it may go on.
 */
final class RateLimits {

    /** Keys whose state is kept at most; beyond it the stale ones are dropped. */
    private static final int MAX_TRACKED = 100_000;

    private final RestSettings settings;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    RateLimits(RestSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** Takes a token for the account; returns 0, or the nanoseconds until a token is there. */
    long acquire(String accountId) {
        if (settings.requestsPerSecond() == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(accountId, id -> new Bucket(settings.burst(), now)).take(now);
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

    private final class Bucket {

        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.perNano = settings.requestsPerSecond() / 1e9;
            this.tokens = capacity;
            this.last = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
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
            if (expired(now) || count < settings.failedAuthAttempts()) {
                return 0;
            }
            return windowStart + settings.failedAuthWindow().toNanos() - now;
        }

        synchronized boolean expired(long now) {
            return windowStart == Long.MIN_VALUE || now - windowStart >= settings.failedAuthWindow().toNanos();
        }
    }
}

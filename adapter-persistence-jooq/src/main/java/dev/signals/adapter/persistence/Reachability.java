package dev.signals.adapter.persistence;

import dev.signals.application.port.StorageUnavailableException;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether the database answered the last call, so that a node whose database is gone answers 503 at once instead of
 * holding a request thread for the pool's connect timeout on every statement (issue 19: with PostgreSQL stopped, every
 * request after the first took 5.6 to 6.0 s, a wait for each of its statements, and {@code /health} 4 s).
 *
 * <p>Unreachable means that the pool could not open a connection within the connect timeout
 * ({@link Statements#refusesNewConnections}); a lost connection or a pool whose connections are all busy does not
 * count. Once a call has found the database unreachable, calls fail at once with {@link StorageUnavailableException},
 * except one every {@link #PROBE_INTERVAL_MILLIS} ms that tries it again (a probe). A probe that does not come back
 * does not stop the next one: a promoted replica that holds a commit forever, or a call that ends without saying
 * whether it reached the database, would otherwise leave the node refusing everything for good. Whatever
 * the probe's outcome but unreachable (a result, or a refused statement: the database answered), every call goes
 * through again. A node whose journal follower or health check runs keeps probing by itself, so it notices the
 * database's return within a probe interval of the next call.
 */
final class Reachability {

    static final long PROBE_INTERVAL_MILLIS = 250;

    private final LongSupplier nanoTime;
    private volatile boolean unreachable;
    private volatile StorageUnavailableException lastFailure;
    /** When the next probe may go, a nanoTime. */
    private final AtomicLong nextProbeNanos = new AtomicLong();
    /** How often the database came back: a call that began before it did cannot say it is gone again. */
    private final AtomicLong recoveries = new AtomicLong();

    Reachability() {
        this(System::nanoTime);
    }

    Reachability(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Lets a call go to the database, or throws at once while the database is known unreachable and another call
     * probed it less than a probe interval ago. A call let through ends with {@link #reached} or {@link #unreachable}
     * with what this returned, when it knows which.
     */
    long enter() {
        long entered = recoveries.get();
        if (!unreachable) {
            return entered;
        }
        long now = nanoTime.getAsLong();
        long next = nextProbeNanos.get();
        if (now - next >= 0 && nextProbeNanos.compareAndSet(next, now + TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MILLIS))) {
            return entered; // this call is the probe
        }
        StorageUnavailableException last = lastFailure;
        throw new StorageUnavailableException("the database could not be reached"
                + (last == null ? "" : ": " + last.getMessage()) + "; it is tried again every " + PROBE_INTERVAL_MILLIS
                + " ms", last);
    }

    /** The call reached the database (it may still have failed for another reason). */
    void reached() {
        if (unreachable) {
            recoveries.incrementAndGet();
            unreachable = false;
        }
    }

    /**
     * The call found the database unreachable; {@code entered} is what {@link #enter} gave it. A call that began
     * before the database last came back (it waited for a connection meanwhile) changes nothing.
     */
    void unreachable(StorageUnavailableException failure, long entered) {
        if (entered != recoveries.get()) {
            return;
        }
        lastFailure = failure;
        nextProbeNanos.set(nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MILLIS));
        unreachable = true;
    }

    boolean isUnreachable() {
        return unreachable;
    }
}

package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Window;

/**
 * Where an event's age puts it among the windows. The window of N days holds the events with
 * {@code T - N*24h < occurredAt <= T} (CONTRACT §3.2), so the windows are nested: an event is in
 * bucket 0 when the 30-day window holds it, 1 when the 90-day window is the smallest that does, 2
 * for the 180-day window, and {@link #OLDER} when none does. A window holds exactly the events of
 * its own bucket and the smaller ones, so whatever is tallied per bucket adds up to each window's
 * tally, and each event is tallied once whatever the number of windows that hold it.
 *
 * <p>Tallies are kept per event type and bucket, in an array at {@link #slot}.
 */
final class AgeBuckets {

    /** The bucket of events that no window holds. */
    static final int OLDER = 3;
    /** The number of buckets. */
    static final int COUNT = OLDER + 1;
    /** The number of (event type, bucket) slots. */
    static final int SLOTS = EventType.values().length * COUNT;

    private static final long DAYS_30 = Window.DAYS_30.days() * Micros.DAY;
    private static final long DAYS_90 = Window.DAYS_90.days() * Micros.DAY;
    private static final long DAYS_180 = Window.DAYS_180.days() * Micros.DAY;

    static {
        if (Window.values().length != OLDER || Window.DAYS_30.ordinal() != 0 || Window.DAYS_90.ordinal() != 1) {
            throw new ExceptionInInitializerError("the buckets are those of the windows of 30, 90 and 180 days");
        }
    }

    private AgeBuckets() {
    }

    /**
     * The bucket of an event that occurred {@code age} microseconds before T ({@code age >= 0}).
     *
     * <p>Ages come in no order, so a chain of comparisons would be a branch mispredicted for about every
     * other event; each comparison is made a 0 or 1 instead: {@code (limit - 1 - age) >>> 63} is 1
     * exactly when {@code age >= limit}.
     */
    static int of(long age) {
        return (int) ((DAYS_30 - 1 - age) >>> 63) + (int) ((DAYS_90 - 1 - age) >>> 63)
                + (int) ((DAYS_180 - 1 - age) >>> 63);
    }

    /** The largest bucket the window holds: it holds the buckets 0 to this one. */
    static int last(Window window) {
        return window.ordinal();
    }

    /** Where the tallies of events of a type (its ordinal) in a bucket are kept. */
    static int slot(int type, int bucket) {
        return type * COUNT + bucket;
    }
}

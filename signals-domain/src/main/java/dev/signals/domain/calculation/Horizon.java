package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Window;

import java.util.Arrays;

/**
 * Where a history stops holding every event (issue 18), so that a node's memory holds the events a request can still
 * count and not all history. A history whose horizon is H holds every event that occurred at or after H; of the
 * events that occurred before H ("old" events) it holds, per event type, at least all those that are the latest by
 * occurredAt and then reportedAt (one, or several alike in both instants), and maybe some others.
 *
 * <p>Such a history gives every value at T exactly (CONTRACT §3.2) when two things hold. Every window of T lies after
 * H: {@code T - 180 days >= H}, so no window reaches an old event. And, for each type with old events, "days since
 * last" can be read from what is held: a known event of the type occurred at or after H (it is later than every old
 * one), or one of the latest old events is known at T (then it is the latest known; the others held beside it are
 * older and change nothing). Otherwise, say when the latest old event was retracted before T or reported after it,
 * an older one, no longer held, may be the answer: the request must read the subject's whole history instead.
 */
public record Horizon(long fullFromMicros) {

    /** No horizon: the history holds every event. */
    public static final Horizon NONE = new Horizon(Long.MIN_VALUE);

    private static final long LONGEST_WINDOW = Window.longest().days() * Micros.DAY;
    private static final int TYPES = EventType.values().length;

    /** Whether every value of the history at {@code asOfMicros} is the value over all of the subject's events. */
    public boolean answersExactly(EventHistory history, long asOfMicros) {
        if (this.equals(NONE)) {
            return true;
        }
        if (asOfMicros - LONGEST_WINDOW < fullFromMicros) {
            return false;
        }
        long[] latestOccurred = new long[TYPES];
        long[] latestReported = new long[TYPES];
        latestOld(history, latestOccurred, latestReported);
        boolean[] readable = new boolean[TYPES];
        for (int i = 0; i < history.size(); i++) {
            int type = history.type(i).ordinal();
            long occurred = history.occurredAtMicros(i);
            if (KnownEvents.isKnown(history, i, asOfMicros)
                    && (occurred >= fullFromMicros || occurred == latestOccurred[type] && history.reportedAtMicros(i) == latestReported[type])) {
                readable[type] = true;
            }
        }
        for (int type = 0; type < TYPES; type++) {
            if (latestOccurred[type] != Long.MIN_VALUE && !readable[type]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Which of the history's events a history with this horizon must hold: every one that occurred at or after it,
     * and of the older ones of each type those latest by occurredAt, then reportedAt. Known or retracted alike: what
     * is known depends on the request's T.
     */
    public boolean[] held(EventHistory history) {
        boolean[] held = new boolean[history.size()];
        long[] latestOccurred = new long[TYPES];
        long[] latestReported = new long[TYPES];
        latestOld(history, latestOccurred, latestReported);
        for (int i = 0; i < held.length; i++) {
            long occurred = history.occurredAtMicros(i);
            int type = history.type(i).ordinal();
            held[i] = occurred >= fullFromMicros
                    || occurred == latestOccurred[type] && history.reportedAtMicros(i) == latestReported[type];
        }
        return held;
    }

    /**
     * Whether an event of this type and these instants is one a history with this horizon need not hold: it occurred
     * before the horizon, and the history holds an event of its type from before the horizon that is later by
     * occurredAt, then reportedAt. Whatever it is (retracted or not, reported when), no answer the history gives
     * exactly depends on it.
     */
    public boolean letsGo(EventHistory history, EventType type, long occurredMicros, long reportedMicros) {
        if (!isBefore(occurredMicros)) {
            return false;
        }
        for (int i = 0; i < history.size(); i++) {
            long occurred = history.occurredAtMicros(i);
            if (history.type(i) == type && isBefore(occurred)
                    && (occurred > occurredMicros || occurred == occurredMicros && history.reportedAtMicros(i) > reportedMicros)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an event that occurred at {@code occurredMicros} is old: before this horizon. */
    public boolean isBefore(long occurredMicros) {
        return occurredMicros < fullFromMicros;
    }

    /** Per type, the largest (occurredAt, reportedAt) among the old events, {@code Long.MIN_VALUE} when none. */
    private void latestOld(EventHistory history, long[] latestOccurred, long[] latestReported) {
        Arrays.fill(latestOccurred, Long.MIN_VALUE);
        Arrays.fill(latestReported, Long.MIN_VALUE);
        for (int i = 0; i < history.size(); i++) {
            long occurred = history.occurredAtMicros(i);
            if (occurred < fullFromMicros) {
                int type = history.type(i).ordinal();
                long reported = history.reportedAtMicros(i);
                if (occurred > latestOccurred[type] || occurred == latestOccurred[type] && reported > latestReported[type]) {
                    latestOccurred[type] = occurred;
                    latestReported[type] = reported;
                }
            }
        }
    }
}

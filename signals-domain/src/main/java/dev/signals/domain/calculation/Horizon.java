package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Window;

import java.util.Arrays;

/**
 * Where a history stops holding every event (issue 18), so that a node's memory holds the events a request can still
 * count and not all history. A history whose horizon is H holds every event that occurred at or after H. Of the
 * events that occurred before H ("old" events) it holds, per event type:
 * <ul>
 *   <li>none, when the type is among {@code typesLetGo}: it had old events, and an event of the type at or after H
 *       was held when they were let go (that one is later than all of them);</li>
 *   <li>otherwise at least all those that are the latest by occurredAt and then reportedAt (one, or several alike in
 *       both instants), and maybe some others.</li>
 * </ul>
 *
 * <p>Such a history gives every value at T exactly (CONTRACT §3.2) when two things hold. Every window of T lies after
 * H: {@code T - 180 days >= H}, so no window reaches an old event. And "days since last" can be read for each type:
 * a known event of the type occurred at or after H (it is later than every old one); or the type was not let go and
 * has no old event; or one of its latest old events is known at T (then it is the latest known). Otherwise an old
 * event the history no longer holds may be the answer (say the latest old one was retracted before T, or reported
 * after it), and the request must read the subject's whole history instead.
 *
 * @param typesLetGo the types whose old events were all let go, a bit per {@link EventType#ordinal()}
 */
public record Horizon(long fullFromMicros, int typesLetGo) {

    /** No horizon: the history holds every event. */
    public static final Horizon NONE = new Horizon(Long.MIN_VALUE, 0);

    private static final long LONGEST_WINDOW = Window.longest().days() * Micros.DAY;
    private static final int TYPES = EventType.values().length;

    /** A horizon at this instant, no type let go yet. */
    public static Horizon at(long fullFromMicros) {
        return new Horizon(fullFromMicros, 0);
    }

    /** Whether every value of the history at {@code asOfMicros} is the value over all of the subject's events. */
    public boolean answersExactly(EventHistory history, long asOfMicros) {
        if (this.equals(NONE)) {
            return true;
        }
        if (asOfMicros - LONGEST_WINDOW < fullFromMicros) {
            return false;
        }
        Latest latest = latestOld(history);
        boolean[] readable = new boolean[TYPES];
        for (int i = 0; i < history.size(); i++) {
            int type = history.type(i).ordinal();
            if (KnownEvents.isKnown(history, i, asOfMicros)
                    && (!isBefore(history.occurredAtMicros(i)) || latest.isLatest(history, i) && !isLetGo(type))) {
                readable[type] = true;
            }
        }
        for (int type = 0; type < TYPES; type++) {
            if (!readable[type] && (isLetGo(type) || latest.has(type))) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a history with this horizon must hold of {@code history}, whose own horizon is this one's or an earlier, and
     * its horizon then: every event at or after this horizon; of the older events of a type that also has one at or
     * after it, none (the type is let go); of the others, the latest by occurredAt, then reportedAt. Known or retracted
     * alike: what is known depends on the request's T.
     */
    public Holding holding(EventHistory history) {
        boolean[] held = new boolean[history.size()];
        Latest latest = latestOld(history);
        boolean[] recent = new boolean[TYPES];
        for (int i = 0; i < held.length; i++) {
            if (!isBefore(history.occurredAtMicros(i))) {
                recent[history.type(i).ordinal()] = true;
            }
        }
        int letGo = 0;
        for (int type = 0; type < TYPES; type++) {
            if (recent[type] && (latest.has(type) || (history.horizon().typesLetGo() & 1 << type) != 0)) {
                letGo |= 1 << type;
            }
        }
        for (int i = 0; i < held.length; i++) {
            int type = history.type(i).ordinal();
            held[i] = !isBefore(history.occurredAtMicros(i)) || !recent[type] && latest.isLatest(history, i);
        }
        return new Holding(held, new Horizon(fullFromMicros, letGo));
    }

    /** Which events of a history to hold, and the horizon of the history holding them. */
    public record Holding(boolean[] held, Horizon horizon) {
    }

    /**
     * Whether an event of this type and these instants is one a history with this horizon need not hold, nor know the
     * retraction of: it occurred before the horizon, and either its type is let go or the history holds an event of
     * its type from before the horizon that is later by occurredAt, then reportedAt. Whatever it is (retracted or not,
     * reported when), no answer the history gives exactly depends on it.
     */
    public boolean letsGo(EventHistory history, EventType type, long occurredMicros, long reportedMicros) {
        if (!isBefore(occurredMicros)) {
            return false;
        }
        if (isLetGo(type.ordinal())) {
            return true;
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

    private boolean isLetGo(int type) {
        return (typesLetGo & 1 << type) != 0;
    }

    private Latest latestOld(EventHistory history) {
        long[] occurredAt = new long[TYPES];
        long[] reportedAt = new long[TYPES];
        Arrays.fill(occurredAt, Long.MIN_VALUE);
        Arrays.fill(reportedAt, Long.MIN_VALUE);
        for (int i = 0; i < history.size(); i++) {
            long occurred = history.occurredAtMicros(i);
            if (isBefore(occurred)) {
                int type = history.type(i).ordinal();
                long reported = history.reportedAtMicros(i);
                if (occurred > occurredAt[type] || occurred == occurredAt[type] && reported > reportedAt[type]) {
                    occurredAt[type] = occurred;
                    reportedAt[type] = reported;
                }
            }
        }
        return new Latest(occurredAt, reportedAt);
    }

    /** Per type, the largest (occurredAt, reportedAt) among a history's old events, {@code Long.MIN_VALUE} when none. */
    private record Latest(long[] occurredAt, long[] reportedAt) {

        boolean has(int type) {
            return occurredAt[type] != Long.MIN_VALUE;
        }

        boolean isLatest(EventHistory history, int i) {
            int type = history.type(i).ordinal();
            return has(type) && history.occurredAtMicros(i) == occurredAt[type] && history.reportedAtMicros(i) == reportedAt[type];
        }
    }
}

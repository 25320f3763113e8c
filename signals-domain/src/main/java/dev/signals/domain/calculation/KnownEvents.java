package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Metric;
import dev.signals.domain.catalogue.Signal;

import java.util.Arrays;

/**
 * The events of a history known at T (CONTRACT §3.2), in the order of an explanation's evidence (§2.5: occurredAt,
 * then reportedAt, then institution and eventId, ids by code points), and for each signal the ones that produced its
 * value, as §2.5 names them from the sentences of §3.2 ({@link SignalRule#eventsExplaining} states them one by one;
 * the tests hold the two to the same lists). Events are named by their position in that order, from 0.
 *
 * <p>Sorted once, a signal's events are quick to find: the order is by occurredAt first, so the events of a type
 * in a window of N days ({@code T - N*24h < occurredAt}) are the last ones of that type; within one institution it
 * is the order of "latest by occurredAt, then reportedAt, then eventId", so an institution's latest balance is its
 * last one.
 */
final class KnownEvents {

    private final EventHistory history;
    /** The known events' indexes in the history, in evidence order. */
    private final int[] ordered;
    /** Per event type (ordinal), the positions of its events in {@link #ordered}, ascending. */
    private final int[][] byType;

    KnownEvents(EventHistory history, long asOfMicros) {
        this.history = history;
        int n = history.size();
        long[] occurred = new long[n];
        long[] reported = new long[n];
        Integer[] known = new Integer[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            occurred[i] = history.occurredAtMicros(i);
            reported[i] = history.reportedAtMicros(i);
            if (isKnown(history, i, asOfMicros)) {
                known[count++] = i;
            }
        }
        Arrays.sort(known, 0, count, (a, b) -> {
            int order = Long.compare(occurred[a], occurred[b]);
            if (order == 0) {
                order = Long.compare(reported[a], reported[b]);
            }
            return order != 0 ? order : compareInstitutionThenId(history, a, b);
        });
        ordered = new int[count];
        int types = EventType.values().length;
        int[] countByType = new int[types];
        for (int p = 0; p < count; p++) {
            ordered[p] = known[p];
            countByType[history.type(known[p]).ordinal()]++;
        }
        byType = new int[types][];
        for (int t = 0; t < types; t++) {
            byType[t] = new int[countByType[t]];
        }
        int[] filled = new int[types];
        for (int p = 0; p < count; p++) {
            int t = history.type(ordered[p]).ordinal();
            byType[t][filled[t]++] = p;
        }
    }

    /** "occurredAt <= T, reportedAt <= T, and it was not retracted at or before T" (§3.2). */
    static boolean isKnown(EventHistory history, int i, long asOfMicros) {
        return history.occurredAtMicros(i) <= asOfMicros && history.reportedAtMicros(i) <= asOfMicros
                && history.retractedAtMicros(i) > asOfMicros;
    }

    /** How many events are known. */
    int size() {
        return ordered.length;
    }

    /** The history's index of the event at {@code position}. */
    int event(int position) {
        return ordered[position];
    }

    /**
     * The positions, ascending, of the events that produced the signal's value (§2.5): every counted event for counts
     * and institution counts; for a flow's amount those carrying one; for a balance's amount each institution's latest
     * counted event carrying one; for overdue days (and autorepayment days) the counted events whose overdueDays equal
     * the value; for days since last the latest known event of the type by occurredAt, then reportedAt, then eventId
     * (then institution).
     */
    int[] explaining(Signal signal, long asOfMicros) {
        int[] ofType = byType[signal.eventType().ordinal()];
        int n = ofType.length;
        int from = signal.window().map(window -> firstAfter(ofType, n, asOfMicros - window.days() * Micros.DAY)).orElse(0);
        return switch (signal.metric()) {
            case COUNT, INSTITUTION_COUNT -> Arrays.copyOfRange(ofType, from, n);
            case AMOUNT -> signal.eventType().carriesBalance() ? latestBalances(ofType, from, n) : withAmount(ofType, from, n);
            case OVERDUE_DAYS, OVERDUE_AUTOREPAYMENT_DAYS -> largestOverdueDays(ofType, from, n,
                    signal.metric() == Metric.OVERDUE_AUTOREPAYMENT_DAYS);
            case DAYS_SINCE_LAST -> latest(ofType, n);
        };
    }

    /** The first of the positions whose event occurred after {@code micros}: the order is by occurredAt first. */
    private int firstAfter(int[] positions, int n, long micros) {
        int low = 0;
        int high = n;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (history.occurredAtMicros(ordered[positions[middle]]) > micros) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private int[] withAmount(int[] positions, int from, int to) {
        int[] chosen = new int[to - from];
        int count = 0;
        for (int k = from; k < to; k++) {
            if (history.hasAmount(ordered[positions[k]])) {
                chosen[count++] = positions[k];
            }
        }
        return Arrays.copyOf(chosen, count);
    }

    /** Each institution's last event carrying an amount: its latest, since one institution's events are in that order. */
    private int[] latestBalances(int[] positions, int from, int to) {
        int[] chosen = new int[to - from];
        int count = 0;
        int[] institutions = new int[to - from];
        int seen = 0;
        for (int k = to - 1; k >= from; k--) {
            int event = ordered[positions[k]];
            if (history.hasAmount(event)) {
                int institution = history.institution(event);
                boolean first = true;
                for (int s = 0; s < seen && first; s++) {
                    first = institutions[s] != institution;
                }
                if (first) {
                    institutions[seen++] = institution;
                    chosen[count++] = positions[k];
                }
            }
        }
        int[] ascending = new int[count];
        for (int c = 0; c < count; c++) {
            ascending[c] = chosen[count - 1 - c];
        }
        return ascending;
    }

    private int[] largestOverdueDays(int[] positions, int from, int to, boolean autoRepaymentOnly) {
        int largest = -1;
        for (int k = from; k < to; k++) {
            int event = ordered[positions[k]];
            if (history.hasOverdueDays(event) && (!autoRepaymentOnly || history.autoRepayment(event))) {
                largest = Math.max(largest, history.overdueDays(event));
            }
        }
        int[] chosen = new int[to - from];
        int count = 0;
        for (int k = from; k < to && largest >= 0; k++) {
            int event = ordered[positions[k]];
            if (history.hasOverdueDays(event) && (!autoRepaymentOnly || history.autoRepayment(event))
                    && history.overdueDays(event) == largest) {
                chosen[count++] = positions[k];
            }
        }
        return Arrays.copyOf(chosen, count);
    }

    /**
     * The latest by occurredAt, then reportedAt, then eventId, then institution: among the last events of the order
     * that occurred and were reported at the same instants, the one with the greatest id (ids by code points).
     */
    private int[] latest(int[] positions, int n) {
        if (n == 0) {
            return new int[0];
        }
        int best = positions[n - 1];
        int last = ordered[best];
        for (int k = n - 2; k >= 0; k--) {
            int event = ordered[positions[k]];
            if (history.occurredAtMicros(event) != history.occurredAtMicros(last)
                    || history.reportedAtMicros(event) != history.reportedAtMicros(last)) {
                break;
            }
            int order = CodePointOrder.IDS.compare(history.eventId(event), history.eventId(ordered[best]));
            if (order == 0) {
                order = CodePointOrder.IDS.compare(history.institutionId(event).value(),
                        history.institutionId(ordered[best]).value());
            }
            if (order > 0) {
                best = positions[k];
            }
        }
        return new int[] {best};
    }

    /**
     * The end of the contract's order of events at the same instants: "then institution and eventId", ids by code
     * points.
     */
    private static int compareInstitutionThenId(EventHistory history, int a, int b) {
        if (history.institution(a) != history.institution(b)) {
            return CodePointOrder.IDS.compare(history.institutionId(a).value(), history.institutionId(b).value());
        }
        return CodePointOrder.IDS.compare(history.eventId(a), history.eventId(b));
    }
}

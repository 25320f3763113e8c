package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Window;
import java.util.Arrays;

/**
 * What one pass over a subject's events keeps for the values of CONTRACT §3.2 at T: the events
 * known at T, tallied by type and {@link AgeBuckets age bucket}, each read once whatever the number
 * of signals and windows. Counts and largest overdue days are kept per bucket, institutions as
 * {@link InstitutionSets}, flow amounts as {@link AmountSums}, and balances as
 * {@link LatestBalances}, summed once the pass is over.
 */
final class Tally {

    private static final int TYPES = EventType.values().length;
    private static final long NO_EVENT = Long.MIN_VALUE;
    private static final int NO_DAYS = -1;

    private final long asOf;
    private final int[] counts = new int[AgeBuckets.SLOTS];
    private final long[] latestOccurredAt = new long[TYPES];
    private final InstitutionNumbers institutionNumbers = new InstitutionNumbers();
    private final InstitutionSets institutions = new InstitutionSets();
    private final AmountSums amounts = new AmountSums();
    private final LatestBalances balances;
    /** Per bucket of a window, the largest overdue days of its OVERDUE events; and of those with autoRepayment. */
    private final int[] overdueDays = new int[AgeBuckets.OLDER];
    private final int[] autoRepaymentDays = new int[AgeBuckets.OLDER];

    private Tally(long asOf, int events) {
        this.asOf = asOf;
        this.balances = new LatestBalances(events);
        Arrays.fill(latestOccurredAt, NO_EVENT);
        Arrays.fill(overdueDays, NO_DAYS);
        Arrays.fill(autoRepaymentDays, NO_DAYS);
    }

    /** The tally of the history's events at T, {@code asOf} in microseconds. */
    static Tally of(EventHistory history, long asOf) {
        Tally tally = new Tally(asOf, history.size());
        tally.addAll(history);
        tally.balances.addTo(tally.amounts);
        return tally;
    }

    /**
     * Tallies each event known at T, reading it once. The loop's body is written out here rather than
     * in a method called per event: compiled on its own, such a method is too large to be inlined into
     * the loop again, and the call made the calculation a fifth slower.
     */
    private void addAll(EventHistory history) {
        for (int i = 0, n = history.size(); i < n; i++) {
            long occurredAt = history.occurredAtMicros(i);
            long reportedAt = history.reportedAtMicros(i);
            if (occurredAt > asOf || reportedAt > asOf || history.retractedAtMicros(i) <= asOf) {
                continue; // not known at T
            }
            EventType type = history.type(i);
            int t = type.ordinal();
            if (occurredAt > latestOccurredAt[t]) {
                latestOccurredAt[t] = occurredAt;
            }
            int bucket = AgeBuckets.of(asOf - occurredAt);
            counts[AgeBuckets.slot(t, bucket)]++;
            if (bucket == AgeBuckets.OLDER) {
                continue; // in no window: only its days since last count
            }
            int institution = institutionNumbers.numberOf(history.institution(i));
            institutions.add(t, bucket, institution);
            if (history.hasAmount(i)) {
                long amountCents = history.amountCents(i);
                if (type.carriesBalance()) {
                    balances.offer(history, i, institution, t, occurredAt, reportedAt, amountCents, bucket);
                } else {
                    amounts.add(t, bucket, amountCents);
                }
            }
            if (type == EventType.OVERDUE && history.hasOverdueDays(i)) {
                int days = history.overdueDays(i);
                overdueDays[bucket] = Math.max(overdueDays[bucket], days);
                if (history.autoRepayment(i)) {
                    autoRepaymentDays[bucket] = Math.max(autoRepaymentDays[bucket], days);
                }
            }
        }
    }

    /** Whether any event is known at T: whether any was counted. */
    boolean anyKnown() {
        for (int count : counts) {
            if (count > 0) {
                return true;
            }
        }
        return false;
    }

    /** The number of known events of the type in the window. */
    int count(EventType type, Window window) {
        int count = 0;
        for (int bucket = 0; bucket <= AgeBuckets.last(window); bucket++) {
            count += counts[AgeBuckets.slot(type.ordinal(), bucket)];
        }
        return count;
    }

    /** The number of distinct institutions among the known events of the type in the window. */
    int institutionCount(EventType type, Window window) {
        return institutions.count(type.ordinal(), window);
    }

    /**
     * The amount of the type in the window, rounded half-up: the sum of every amount for a flow, of
     * each institution's latest balance for a balance; null when no event carries one.
     *
     * @throws ArithmeticException when it does not fit in a long
     */
    Long amount(EventType type, Window window) {
        return amounts.roundedSum(type.ordinal(), window);
    }

    /** The largest overdue days of the known OVERDUE events in the window, null when none has them. */
    Long largestOverdueDays(Window window) {
        return largest(overdueDays, window);
    }

    /** The same, over the OVERDUE events with autoRepayment. */
    Long largestAutoRepaymentDays(Window window) {
        return largest(autoRepaymentDays, window);
    }

    /** Whole days from the latest known event of the type to T, null when there is none. */
    Long daysSinceLast(EventType type) {
        long latest = latestOccurredAt[type.ordinal()];
        return latest == NO_EVENT ? null : (asOf - latest) / Micros.DAY;
    }

    private static Long largest(int[] perBucket, Window window) {
        int largest = NO_DAYS;
        for (int bucket = 0; bucket <= AgeBuckets.last(window); bucket++) {
            largest = Math.max(largest, perBucket[bucket]);
        }
        return largest == NO_DAYS ? null : (long) largest;
    }
}

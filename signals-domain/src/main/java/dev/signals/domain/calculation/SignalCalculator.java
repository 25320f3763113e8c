package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.catalogue.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Computes signal values exactly as CONTRACT §3.2 says, in one pass over a subject's events.
 *
 * <p>With {@code T = asOf}, an event counts when it is known at T ({@code occurredAt <= T} and
 * {@code reportedAt <= T}) and, for an N-day signal, lies in {@code T - N*24h < occurredAt <= T}.
 * Counts and distinct-institution counts are 0 when nothing counts. Amounts of flows
 * (loan disbursement, repayment reminder, successful repayment) are the sum of every counted
 * amount; amounts of balances (overdue, debt) are the sum, over institutions, of the amount of each
 * institution's latest counted event that carries one (latest by occurredAt, then reportedAt, then
 * eventId by Unicode code points); both are summed exactly in cents and rounded half-up to whole
 * units once at the end, and are null when no counted event carries an amount. Overdue days are
 * the largest overdueDays of the counted overdue events carrying one (autorepayment: only those
 * with autoRepayment true), null when none. Days since last are
 * {@code floor((T - occurredAt) / 24h)} for the latest known event of the type at any distance,
 * null when there is none.
 *
 * <p>How: each event is read once and lands in one of three age buckets (less than 30 days, 30 to
 * 90, 90 to 180), whose primitive tallies the nested windows add up at the end. For balances only
 * each institution's latest amount-carrying event within 180 days is kept: the windows share
 * their upper bound T, so the latest such event inside a window is that one if it lies inside the
 * window, and there is none otherwise. The calculator is stateless and thread-safe.
 */
public final class SignalCalculator {

    private static final int TYPES = EventType.values().length;
    private static final int WINDOWS = Window.values().length;
    private static final long[] WINDOW_MICROS =
            Arrays.stream(Window.values()).mapToLong(w -> w.days() * Micros.DAY).toArray();
    private static final int OVERDUE = EventType.OVERDUE.ordinal();

    /**
     * The values of {@code selection}'s signals for the subject whose events are {@code history},
     * as they were at {@code asOf}.
     *
     * @throws ArithmeticException if an amount sum does not fit in a long (about 9.2e18 units)
     */
    public CalculationResult calculate(EventHistory history, Instant asOf, SignalSelection selection) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(selection, "selection");
        Tally tally = new Tally(Micros.of(Objects.requireNonNull(asOf, "asOf")));
        for (int i = 0, n = history.size(); i < n; i++) {
            tally.add(history, i);
        }
        List<SignalValue> values = new ArrayList<>(selection.size());
        for (Signal signal : selection.signals()) {
            values.add(new SignalValue(signal, tally.valueOf(signal)));
        }
        return CalculationResult.of(tally.known, values);
    }

    /** The primitive accumulators of one calculation. Index {@code type * WINDOWS + bucket}. */
    private static final class Tally {

        private static final int BALANCE_KINDS = 2;

        private final long asOf;
        private boolean known;

        private final int[] count = new int[TYPES * WINDOWS];
        private final boolean[] flowHasAmount = new boolean[TYPES * WINDOWS];
        private final long[] flowUnits = new long[TYPES * WINDOWS];
        private final long[] flowCentsPart = new long[TYPES * WINDOWS];
        private final boolean[] flowOverflow = new boolean[TYPES * WINDOWS];
        private final int[] maxOverdueDays = {-1, -1, -1};
        private final int[] maxAutoRepaymentOverdueDays = {-1, -1, -1};
        private final long[] latestOccurred = new long[TYPES];

        private final DenseIndex institutions = new DenseIndex();
        /** Per institution: bit {@code type * WINDOWS + bucket} is set when it has such an event. */
        private long[] institutionBuckets = new long[8];

        /** Per institution and balance kind (overdue, debt): its latest amount-carrying event. */
        private int[] balanceEvent = new int[8 * BALANCE_KINDS];
        private long[] balanceOccurred = new long[8 * BALANCE_KINDS];
        private long[] balanceReported = new long[8 * BALANCE_KINDS];
        private long[] balanceCents = new long[8 * BALANCE_KINDS];
        private int[] balanceBucket = new int[8 * BALANCE_KINDS];

        private int[] institutionCount;

        Tally(long asOf) {
            this.asOf = asOf;
            Arrays.fill(latestOccurred, Long.MIN_VALUE);
            Arrays.fill(balanceEvent, -1);
        }

        void add(EventHistory history, int i) {
            long occurred = history.occurredAtMicros(i);
            if (occurred > asOf) {
                return;
            }
            long reported = history.reportedAtMicros(i);
            if (reported > asOf) {
                return;
            }
            known = true;
            EventType type = history.type(i);
            int t = type.ordinal();
            if (occurred > latestOccurred[t]) {
                latestOccurred[t] = occurred;
            }
            int bucket = bucketOf(asOf - occurred);
            if (bucket < 0) {
                return;
            }
            int slot = t * WINDOWS + bucket;
            count[slot]++;
            int institution = institutions.numberOf(history.institution(i));
            ensureInstitutionCapacity(institution);
            institutionBuckets[institution] |= 1L << slot;
            long cents = history.amountCents(i);
            if (cents != EventHistory.NO_AMOUNT) {
                if (cents < 0) {
                    throw new IllegalArgumentException("event " + history.eventId(i) + " has a negative amount");
                }
                if (type.carriesBalance()) {
                    keepLatestBalance(history, i, institution * BALANCE_KINDS + (t == OVERDUE ? 0 : 1),
                            occurred, reported, cents, bucket);
                } else {
                    addFlow(slot, cents);
                }
            }
            if (t == OVERDUE) {
                int days = history.overdueDays(i);
                if (days != EventHistory.NO_OVERDUE_DAYS) {
                    maxOverdueDays[bucket] = Math.max(maxOverdueDays[bucket], days);
                    if (history.autoRepayment(i)) {
                        maxAutoRepaymentOverdueDays[bucket] = Math.max(maxAutoRepaymentOverdueDays[bucket], days);
                    }
                }
            }
        }

        /** 0, 1 or 2: the smallest window holding an event this old; -1 when none does. */
        private static int bucketOf(long age) {
            for (int w = 0; w < WINDOWS; w++) {
                if (age < WINDOW_MICROS[w]) {
                    return w;
                }
            }
            return -1;
        }

        private void addFlow(int slot, long cents) {
            flowHasAmount[slot] = true;
            flowCentsPart[slot] += cents % 100;
            try {
                flowUnits[slot] = Math.addExact(flowUnits[slot], cents / 100);
            } catch (ArithmeticException e) {
                flowOverflow[slot] = true;
            }
        }

        private void keepLatestBalance(EventHistory history, int i, int k, long occurred, long reported, long cents,
                                       int bucket) {
            int current = balanceEvent[k];
            if (current >= 0) {
                if (occurred < balanceOccurred[k]) {
                    return;
                }
                if (occurred == balanceOccurred[k]) {
                    if (reported < balanceReported[k]
                            || reported == balanceReported[k]
                            && compareByCodePoints(history.eventId(i), history.eventId(current)) <= 0) {
                        return;
                    }
                }
            }
            balanceEvent[k] = i;
            balanceOccurred[k] = occurred;
            balanceReported[k] = reported;
            balanceCents[k] = cents;
            balanceBucket[k] = bucket;
        }

        private void ensureInstitutionCapacity(int institution) {
            if (institution < institutionBuckets.length) {
                return;
            }
            int length = institutionBuckets.length * 2;
            institutionBuckets = Arrays.copyOf(institutionBuckets, length);
            int oldBalances = balanceEvent.length;
            balanceEvent = Arrays.copyOf(balanceEvent, length * BALANCE_KINDS);
            Arrays.fill(balanceEvent, oldBalances, balanceEvent.length, -1);
            balanceOccurred = Arrays.copyOf(balanceOccurred, length * BALANCE_KINDS);
            balanceReported = Arrays.copyOf(balanceReported, length * BALANCE_KINDS);
            balanceCents = Arrays.copyOf(balanceCents, length * BALANCE_KINDS);
            balanceBucket = Arrays.copyOf(balanceBucket, length * BALANCE_KINDS);
        }

        Long valueOf(Signal signal) {
            int t = signal.eventType().ordinal();
            if (signal.window().isEmpty()) {
                return latestOccurred[t] == Long.MIN_VALUE ? null : (asOf - latestOccurred[t]) / Micros.DAY;
            }
            int w = signal.window().get().ordinal();
            return switch (signal.metric()) {
                case COUNT -> (long) count(t, w);
                case INSTITUTION_COUNT -> (long) institutionCount()[t * WINDOWS + w];
                case AMOUNT -> signal.eventType().carriesBalance() ? balanceAmount(t, w) : flowAmount(t, w);
                case OVERDUE_DAYS -> largest(maxOverdueDays, w);
                case OVERDUE_AUTOREPAYMENT_DAYS -> largest(maxAutoRepaymentOverdueDays, w);
                case DAYS_SINCE_LAST -> throw new IllegalStateException("days since last has no window");
            };
        }

        private int count(int t, int w) {
            int total = 0;
            for (int b = 0; b <= w; b++) {
                total += count[t * WINDOWS + b];
            }
            return total;
        }

        private int[] institutionCount() {
            if (institutionCount == null) {
                institutionCount = new int[TYPES * WINDOWS];
                for (int institution = 0; institution < institutions.size(); institution++) {
                    long buckets = institutionBuckets[institution];
                    for (int t = 0; t < TYPES; t++) {
                        long ofType = (buckets >>> (t * WINDOWS)) & ((1L << WINDOWS) - 1);
                        if (ofType != 0) {
                            for (int w = Long.numberOfTrailingZeros(ofType); w < WINDOWS; w++) {
                                institutionCount[t * WINDOWS + w]++;
                            }
                        }
                    }
                }
            }
            return institutionCount;
        }

        private Long flowAmount(int t, int w) {
            boolean any = false;
            long units = 0;
            long centsPart = 0;
            for (int b = 0; b <= w; b++) {
                int slot = t * WINDOWS + b;
                if (flowHasAmount[slot]) {
                    if (flowOverflow[slot]) {
                        throw new ArithmeticException("the sum of amounts does not fit in a long");
                    }
                    any = true;
                    units = Math.addExact(units, flowUnits[slot]);
                    centsPart += flowCentsPart[slot];
                }
            }
            return any ? roundHalfUp(units, centsPart) : null;
        }

        private Long balanceAmount(int t, int w) {
            int kind = t == OVERDUE ? 0 : 1;
            boolean any = false;
            long units = 0;
            long centsPart = 0;
            for (int institution = 0; institution < institutions.size(); institution++) {
                int k = institution * BALANCE_KINDS + kind;
                if (balanceEvent[k] >= 0 && balanceBucket[k] <= w) {
                    any = true;
                    units = Math.addExact(units, balanceCents[k] / 100);
                    centsPart += balanceCents[k] % 100;
                }
            }
            return any ? roundHalfUp(units, centsPart) : null;
        }

        /** {@code units + centsPart / 100}, rounded half-up to whole units (both parts are >= 0). */
        private static long roundHalfUp(long units, long centsPart) {
            return Math.addExact(units, (centsPart + 50) / 100);
        }

        private static Long largest(int[] perBucket, int w) {
            int largest = -1;
            for (int b = 0; b <= w; b++) {
                largest = Math.max(largest, perBucket[b]);
            }
            return largest < 0 ? null : (long) largest;
        }

        private static int compareByCodePoints(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }
    }
}

package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Metric;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.catalogue.Window;
import java.time.Instant;
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
 * <p>How: each event is read once and lands in one of four age buckets (less than 30 days, 30 to
 * 90, 90 to 180, older), whose primitive tallies the nested windows add up at the end. For
 * balances only each institution's latest amount-carrying event within 180 days is kept: the
 * windows share their upper bound T, so the latest such event inside a window is that one if it
 * lies inside the window, and there is none otherwise.
 *
 * <p>The loop over the events runs once per event of every request, and is written for speed
 * (the calculation benchmark measures it against one plain read of the same events): the bucket
 * is computed without branches; every tally is a slot of a primitive array indexed by
 * {@code type * 4 + bucket}; flows sum cents into one long per slot whatever the event (an event
 * without an amount adds 0); institutions numbered 0 to 63, which is how an index numbers a
 * network's lenders, are bits of a long per slot, counted with a bit count at the end, and only
 * other numbers go through a hash table; a later balance replaces the kept one through masks,
 * because balance events come in any order. The values of every signal are computed once, into
 * a table indexed by type, metric and window. The calculator is stateless and thread-safe.
 */
public final class SignalCalculator {

    private static final EventType[] TYPE_VALUES = EventType.values();
    private static final int TYPES = TYPE_VALUES.length;
    private static final int WINDOWS = Window.values().length;
    /** Age buckets: one per window (the smallest window holding the event) and one for older events. */
    private static final int BUCKETS = WINDOWS + 1;
    private static final int OLDER = WINDOWS;
    private static final long DAYS_30 = Window.DAYS_30.days() * Micros.DAY;
    private static final long DAYS_90 = Window.DAYS_90.days() * Micros.DAY;
    private static final long DAYS_180 = Window.DAYS_180.days() * Micros.DAY;
    private static final int OVERDUE = EventType.OVERDUE.ordinal();
    private static final int DEBT = EventType.DEBT.ordinal();
    private static final int METRICS = Metric.values().length;
    /** Offsets of each metric's values within a type's values: one per window. */
    private static final int COUNT = Metric.COUNT.ordinal() * WINDOWS;
    private static final int INSTITUTION_COUNT = Metric.INSTITUTION_COUNT.ordinal() * WINDOWS;
    private static final int AMOUNT = Metric.AMOUNT.ordinal() * WINDOWS;
    private static final int OVERDUE_DAYS = Metric.OVERDUE_DAYS.ordinal() * WINDOWS;
    private static final int OVERDUE_AUTOREPAYMENT_DAYS = Metric.OVERDUE_AUTOREPAYMENT_DAYS.ordinal() * WINDOWS;
    private static final int DAYS_SINCE_LAST = Metric.DAYS_SINCE_LAST.ordinal() * WINDOWS;
    /** A value that is null. */
    private static final long NULL = -1;
    /** An amount that does not fit in a long. */
    private static final long OVERFLOW = -2;
    /** The amount the tallies read for an event without one. */
    private static final long NO_AMOUNT = Long.MIN_VALUE;
    /** The overdue days the tallies read for an event without them. */
    private static final int NO_OVERDUE_DAYS = -1;

    static {
        if (WINDOWS != 3 || TYPES * BUCKETS > Long.SIZE) {
            throw new ExceptionInInitializerError("the tallies assume the windows 30, 90, 180 and at most 16 types");
        }
        for (EventType type : TYPE_VALUES) {
            if (type.carriesBalance() != (type.ordinal() == OVERDUE || type.ordinal() == DEBT)) {
                throw new ExceptionInInitializerError("the tallies assume that only OVERDUE and DEBT carry balances");
            }
        }
    }

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
        tally.addAll(history);
        long[] table = tally.values();
        List<Signal> signals = selection.signals();
        SignalValue[] values = new SignalValue[signals.size()];
        for (int s = 0; s < values.length; s++) {
            Signal signal = signals.get(s);
            values[s] = new SignalValue(signal, boxed(table[indexOf(signal)]));
        }
        return CalculationResult.inCatalogueOrder(tally.known, values);
    }

    /** Where {@link Tally#values()} keeps the value of a signal: by type, then metric, then window. */
    private static int indexOf(Signal signal) {
        Window window = signal.window().orElse(null);
        return (signal.eventType().ordinal() * METRICS + signal.metric().ordinal()) * WINDOWS
                + (window == null ? 0 : window.ordinal());
    }

    private static Long boxed(long value) {
        if (value >= 0) {
            return value;
        }
        if (value == OVERFLOW) {
            throw new ArithmeticException("the sum of amounts does not fit in a long");
        }
        return null;
    }

    /** {@code a + b} for values of the table (>= 0), {@link #OVERFLOW} when either is or the sum is. */
    private static long plus(long a, long b) {
        long sum = a + b;
        return a < 0 || b < 0 || sum < 0 ? OVERFLOW : sum;
    }

    /**
     * The primitive accumulators of one calculation. Slot {@code type * BUCKETS + bucket} of the
     * per-slot tallies; per institution, bit {@code slot} of its slots and the latest balance of each
     * kind.
     */
    private static final class Tally {

        private static final int BALANCE_KINDS = 2;
        /** Per institution and kind, in {@link #balances}: occurred, reported, cents, event index. */
        private static final int BALANCE_FIELDS = 4;
        private static final int INITIAL_INSTITUTIONS = 16;

        private final long asOf;
        private boolean known;

        private final int[] count = new int[TYPES * BUCKETS];
        /** Per slot: the sum of its events' amounts in cents (below 200 after a {@link #spill}). */
        private final long[] cents = new long[TYPES * BUCKETS];
        /** Bit {@code slot}: some event of the slot carries an amount. */
        private long amountSlots;
        /**
         * Per slot: whole units moved out of {@link #cents} when it would overflow ({@link #OVERFLOW}
         * when they do not fit in a long either); null until a slot needs it.
         */
        private long[] spilledUnits;
        /** Per bucket: the largest overdue days (-1: none); from {@link #AUTO}: those with autoRepayment. */
        private final int[] maxOverdueDays = {-1, -1, -1, -1, -1, -1, -1, -1};
        private static final int AUTO = BUCKETS;
        private final long[] latestOccurred = new long[TYPES];

        /*
         * The institutions with an event within 180 days, by open addressing on their int: per table
         * slot, the institution's int and its windows, bit t * BUCKETS + w set when it has an event of
         * type t in window w; no bit set marks a free slot. Per-institution state lives at the
         * institution's table slot, so that an event finds it with one hash and no second lookup.
         */
        private int[] institutionKeys = new int[INITIAL_INSTITUTIONS * 2];
        private long[] institutionWindows = new long[INITIAL_INSTITUTIONS * 2];
        private int institutionShift = Integer.numberOfLeadingZeros(INITIAL_INSTITUTIONS * 2) + 1;
        private int institutionsKnown;
        /** Per table slot: the institution's row in {@link #balances} plus one; 0 until its first balance. */
        private int[] balanceRow = new int[INITIAL_INSTITUTIONS * 2];
        /** Per institution numbered 0 to 63: its row in {@link #balances} plus one; 0 until its first balance. */
        private final int[] smallBalanceRow = new int[Long.SIZE];
        /**
         * Per {@code t * BUCKETS + w}: the institutions with an event of type t in window w, among
         * those the table counts (numbered outside 0 to 63).
         */
        private final int[] institutionCount = new int[TYPES * BUCKETS];
        /**
         * Per slot: bit n is set when institution n (0 to 63) has such an event. An index numbers
         * institutions densely from 0, so that most events need no hash at all; institutions with
         * other numbers are counted through the table.
         */
        private final long[] smallInstitutions = new long[TYPES * BUCKETS];
        /**
         * One row per institution with a balance event within 180 days; per balance kind (overdue,
         * debt), its latest amount-carrying event: occurred, reported, cents, and the event's index
         * plus one (0: none yet) times {@link #BUCKETS} plus its bucket.
         */
        private long[] balances = new long[8 * BALANCE_KINDS * BALANCE_FIELDS];
        private int balanceRows;

        Tally(long asOf) {
            this.asOf = asOf;
            Arrays.fill(latestOccurred, Long.MIN_VALUE);
        }

        void addAll(EventHistory history) {
            long asOf = this.asOf;
            int[] count = this.count;
            long[] cents = this.cents;
            long[] latestOccurred = this.latestOccurred;
            long amountSlots = 0;
            boolean known = false;
            for (int i = 0, n = history.size(); i < n; i++) {
                long occurred = history.occurredAtMicros(i);
                long reported = history.reportedAtMicros(i);
                if (occurred > asOf || reported > asOf) {
                    continue;
                }
                known = true;
                int t = history.type(i).ordinal();
                if (occurred > latestOccurred[t]) {
                    latestOccurred[t] = occurred;
                }
                int bucket = bucketOf(asOf - occurred);
                int slot = t * BUCKETS + bucket;
                count[slot]++;
                if (bucket == OLDER) {
                    continue;
                }
                int key = history.institution(i);
                boolean small = (key & ~(Long.SIZE - 1)) == 0;
                int institution = -1;
                if (small) {
                    smallInstitutions[slot] |= 1L << key;
                } else {
                    institution = institutionSlot(key, t, bucket);
                }
                long amount = history.hasAmount(i) ? history.amountCents(i) : NO_AMOUNT;
                if ((amount ^ NO_AMOUNT) > 0) {
                    throw new IllegalArgumentException("an amount is never negative, was " + amount + " cents");
                }
                long carries = ~(amount >> 63);
                amountSlots |= (carries & 1L) << slot;
                long sum = cents[slot] + (amount & carries);
                if (sum < 0) {
                    sum = spill(slot, amount & carries);
                }
                cents[slot] = sum;
                if (t == OVERDUE || t == DEBT) {
                    addBalance(history, i, t, small ? smallBalanceRow(key) : balanceRow(institution), occurred,
                            reported, amount, bucket);
                }
            }
            this.amountSlots = amountSlots;
            this.known = known;
        }

        /**
         * 0, 1 or 2: the smallest window holding an event this old (age >= 0); 3 when none does.
         * {@code (limit - 1 - age) >>> 63} is 1 exactly when {@code age >= limit}.
         */
        private static int bucketOf(long age) {
            return (int) ((DAYS_30 - 1 - age) >>> 63) + (int) ((DAYS_90 - 1 - age) >>> 63)
                    + (int) ((DAYS_180 - 1 - age) >>> 63);
        }

        /**
         * Moves the slot's whole units out of its cents, when adding {@code amount} would overflow
         * them, and returns the cents left: both parts are below 100.
         */
        private long spill(int slot, long amount) {
            if (spilledUnits == null) {
                spilledUnits = new long[TYPES * BUCKETS];
            }
            spilledUnits[slot] = plus(spilledUnits[slot], cents[slot] / 100 + amount / 100);
            return cents[slot] % 100 + amount % 100;
        }

        /**
         * Keeps event i as its institution's balance of its kind if it is the latest, and its overdue
         * days. Balance events come in any order, so whether one is later than the kept one is as
         * good as random: the choice is made with masks rather than branches, except for the rare
         * tie on occurredAt.
         */
        private void addBalance(EventHistory history, int i, int t, int row, long occurred, long reported,
                                long amount, int bucket) {
            long[] kept = balances;
            int k = (row * BALANCE_KINDS + (t == OVERDUE ? 0 : 1)) * BALANCE_FIELDS;
            boolean none = kept[k + 3] == 0;
            long replace;
            if (occurred == kept[k] && !none && amount != NO_AMOUNT) {
                replace = isLaterThanKept(history, i, k, reported) ? -1L : 0L;
            } else {
                replace = (none ? -1L : 0L) | (occurred > kept[k] ? -1L : 0L);
                replace &= ~(amount >> 63);
            }
            kept[k] = occurred & replace | kept[k] & ~replace;
            kept[k + 1] = reported & replace | kept[k + 1] & ~replace;
            kept[k + 2] = amount & replace | kept[k + 2] & ~replace;
            kept[k + 3] = ((i + 1L) * BUCKETS + bucket) & replace | kept[k + 3] & ~replace;

            int days = t == OVERDUE && history.hasOverdueDays(i) ? history.overdueDays(i) : NO_OVERDUE_DAYS;
            int autoRepaymentDays = t == OVERDUE && history.autoRepayment(i) ? days : NO_OVERDUE_DAYS;
            maxOverdueDays[bucket] = Math.max(maxOverdueDays[bucket], days);
            maxOverdueDays[AUTO + bucket] = Math.max(maxOverdueDays[AUTO + bucket], autoRepaymentDays);
        }

        /** Whether event i, which occurred when the balance kept at {@code k} did, is later than it. */
        private boolean isLaterThanKept(EventHistory history, int i, int k, long reported) {
            if (reported != balances[k + 1]) {
                return reported > balances[k + 1];
            }
            int current = (int) (balances[k + 3] / BUCKETS - 1);
            return compareByCodePoints(history.eventId(i), history.eventId(current)) > 0;
        }

        /**
         * The table slot of the institution {@code key} (not numbered 0 to 63), with the windows of an
         * event of type t in this bucket marked, and the institution counted in those new to it.
         */
        private int institutionSlot(int key, int t, int bucket) {
            int institution = slotOf(key);
            long had = institutionWindows[institution];
            long has = had | (((1L << WINDOWS) - 1 << bucket) & (1L << WINDOWS) - 1) << t * BUCKETS;
            if (has != had) {
                institutionWindows[institution] = has;
                countInstitution(has & ~had);
                if (had == 0 && ++institutionsKnown * 2 > institutionKeys.length) {
                    growInstitutions();
                    institution = slotOf(key);
                }
            }
            return institution;
        }

        /**
         * The table slot of the institution {@code key}, or the free slot it takes (which the caller
         * marks by setting a window).
         */
        private int slotOf(int key) {
            int[] keys = institutionKeys;
            long[] windows = institutionWindows;
            int mask = keys.length - 1;
            for (int slot = key * 0x9E3779B9 >>> institutionShift; ; slot = (slot + 1) & mask) {
                if (windows[slot] == 0) {
                    keys[slot] = key;
                    return slot;
                }
                if (keys[slot] == key) {
                    return slot;
                }
            }
        }

        /** Counts an institution in the windows of {@code windows}' bits, the first of its events in each. */
        private void countInstitution(long windows) {
            for (long bits = windows; bits != 0; bits &= bits - 1) {
                institutionCount[Long.numberOfTrailingZeros(bits)]++;
            }
        }

        /** The row of balances of the institution numbered {@code key}, 0 to 63. */
        private int smallBalanceRow(int key) {
            if (smallBalanceRow[key] == 0) {
                smallBalanceRow[key] = newBalanceRow();
            }
            return smallBalanceRow[key] - 1;
        }

        /** The row of balances of the institution at table slot {@code institution}. */
        private int balanceRow(int institution) {
            if (balanceRow[institution] == 0) {
                balanceRow[institution] = newBalanceRow();
            }
            return balanceRow[institution] - 1;
        }

        /** A new, empty row of balances, as its number plus one. */
        private int newBalanceRow() {
            int row = balanceRows++;
            if ((row + 1) * BALANCE_KINDS * BALANCE_FIELDS > balances.length) {
                balances = Arrays.copyOf(balances, balances.length * 2);
            }
            return row + 1;
        }

        /** Doubles the institution table, moving each institution to its new slot. */
        private void growInstitutions() {
            int[] oldKeys = institutionKeys;
            long[] oldWindows = institutionWindows;
            int[] oldBalanceRow = balanceRow;
            institutionKeys = new int[oldKeys.length * 2];
            institutionWindows = new long[oldKeys.length * 2];
            balanceRow = new int[oldKeys.length * 2];
            institutionShift--;
            for (int old = 0; old < oldKeys.length; old++) {
                if (oldWindows[old] != 0) {
                    int slot = slotOf(oldKeys[old]);
                    institutionWindows[slot] = oldWindows[old];
                    balanceRow[slot] = oldBalanceRow[old];
                }
            }
        }

        /**
         * Every value any signal can ask for, at {@link #indexOf}: >= 0, {@link #NULL}, or
         * {@link #OVERFLOW} for an amount that does not fit in a long (an error only if asked for).
         */
        long[] values() {
            long[] values = new long[TYPES * METRICS * WINDOWS];
            for (int t = 0; t < TYPES; t++) {
                int type = t * METRICS * WINDOWS;
                int counted = 0;
                long small = 0;
                for (int w = 0; w < WINDOWS; w++) {
                    counted += count[t * BUCKETS + w];
                    small |= smallInstitutions[t * BUCKETS + w];
                    values[type + COUNT + w] = counted;
                    values[type + INSTITUTION_COUNT + w] = institutionCount[t * BUCKETS + w] + Long.bitCount(small);
                }
                if (t == OVERDUE || t == DEBT) {
                    balanceAmounts(values, type + AMOUNT, t == OVERDUE ? 0 : 1);
                } else {
                    flowAmounts(values, type + AMOUNT, t);
                }
                long latest = latestOccurred[t];
                values[type + DAYS_SINCE_LAST] = latest == Long.MIN_VALUE ? NULL : (asOf - latest) / Micros.DAY;
            }
            int overdue = OVERDUE * METRICS * WINDOWS;
            int largest = -1;
            int largestAuto = -1;
            for (int w = 0; w < WINDOWS; w++) {
                largest = Math.max(largest, maxOverdueDays[w]);
                largestAuto = Math.max(largestAuto, maxOverdueDays[AUTO + w]);
                values[overdue + OVERDUE_DAYS + w] = largest < 0 ? NULL : largest;
                values[overdue + OVERDUE_AUTOREPAYMENT_DAYS + w] = largestAuto < 0 ? NULL : largestAuto;
            }
            return values;
        }

        private void flowAmounts(long[] values, int at, int t) {
            boolean any = false;
            long units = 0;
            long centsPart = 0;
            for (int w = 0; w < WINDOWS; w++) {
                int slot = t * BUCKETS + w;
                if ((amountSlots >>> slot & 1L) != 0) {
                    any = true;
                    units = plus(units, cents[slot] / 100);
                    if (spilledUnits != null) {
                        units = plus(units, spilledUnits[slot]);
                    }
                    centsPart += cents[slot] % 100;
                }
                values[at + w] = any ? roundHalfUp(units, centsPart) : NULL;
            }
        }

        private void balanceAmounts(long[] values, int at, int kind) {
            long[] units = new long[WINDOWS];
            long[] centsPart = new long[WINDOWS];
            int firstBucket = WINDOWS;
            for (int row = 0; row < balanceRows; row++) {
                int k = (row * BALANCE_KINDS + kind) * BALANCE_FIELDS;
                if (balances[k + 3] != 0) {
                    int bucket = (int) (balances[k + 3] % BUCKETS);
                    firstBucket = Math.min(firstBucket, bucket);
                    units[bucket] = plus(units[bucket], balances[k + 2] / 100);
                    centsPart[bucket] += balances[k + 2] % 100;
                }
            }
            long windowUnits = 0;
            long windowCents = 0;
            for (int w = 0; w < WINDOWS; w++) {
                windowUnits = plus(windowUnits, units[w]);
                windowCents += centsPart[w];
                values[at + w] = w < firstBucket ? NULL : roundHalfUp(windowUnits, windowCents);
            }
        }

        /** {@code units + centsPart / 100}, rounded half-up to whole units (both parts are >= 0). */
        private static long roundHalfUp(long units, long centsPart) {
            return plus(units, (centsPart + 50) / 100);
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

package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import java.util.Arrays;

/**
 * Each institution's latest balance of each balance type (OVERDUE, DEBT): "for each institution, the
 * amount of its latest such event in the window that carries one (latest by occurredAt, then
 * reportedAt, then eventId)" (CONTRACT §3.2).
 *
 * <p>One balance is kept per institution and type for all windows, with its age bucket
 * ({@link AgeBuckets}): the windows all end at T, so an institution's latest balance in a window is
 * its latest balance if the window holds it, and it has none in the window otherwise. The events
 * come in any order; each is compared with the one kept, from the fields it was offered with, and
 * the history is asked for event ids only on a tie of both instants.
 *
 * <p>Whether an event is later than the one kept is as good as random, as the events come in any
 * order, so {@link #offer} does not branch on it: it makes a mask of all ones (replace) or all zeros
 * (keep) and writes every field through it, which the processor cannot mispredict (measured: a
 * branch there cost about a tenth of the calculation). Only a tie on occurredAt, which is rare,
 * takes a branch.
 */
final class LatestBalances {

    private static final int OVERDUE = EventType.OVERDUE.ordinal();
    private static final int DEBT = EventType.DEBT.ordinal();
    /** The fields of a kept balance, each a long at its offset from the balance's first. */
    private static final int OCCURRED_AT = 0;
    private static final int REPORTED_AT = 1;
    private static final int AMOUNT_CENTS = 2;
    private static final int BUCKET = 3;
    /** The event's index in the history + 1; 0 while none is kept. */
    private static final int EVENT = 4;
    private static final int FIELDS = 5;

    /** Per institution numbered 0 to 63 (all of most histories'), its row + 1; 0 until its first balance. */
    private final int[] rowOfFirst = new int[InstitutionNumbers.KEPT];
    /** The same for the institutions numbered from 64, at their number - 64. */
    private int[] rowOfFurther = new int[0];
    private int rows;
    /** Per row, its OVERDUE balance, then its DEBT balance, {@link #FIELDS} longs each. */
    private long[] kept;

    /**
     * The balances of a history of this many events, with room from the start for a row per eight
     * events, up to 64 rows: a history has fewer institutions with balances than that, as balances
     * are a minority of events, and a row made beyond the room costs more than the room.
     */
    LatestBalances(int events) {
        kept = new long[Math.min(events / 8 + 8, InstitutionNumbers.KEPT) * 2 * FIELDS];
    }

    /**
     * Keeps event {@code i} of the history, a balance of the institution (its number) with an amount,
     * as the institution's latest balance of the type (its ordinal) if it is later than the one kept:
     * by occurredAt, then reportedAt, then eventId.
     */
    void offer(EventHistory history, int i, int institution, int type, long occurredAt, long reportedAt,
               long amountCents, int ageBucket) {
        int at = (rowOf(institution) * 2 + (type == OVERDUE ? 0 : 1)) * FIELDS;
        long[] kept = this.kept;
        boolean none = kept[at + EVENT] == 0;
        boolean later;
        if (occurredAt == kept[at + OCCURRED_AT] && !none) {
            later = isLaterAtTheSameInstant(history, i, reportedAt, at);
        } else {
            later = none | occurredAt > kept[at + OCCURRED_AT];
        }
        long replace = later ? -1L : 0L;
        kept[at + OCCURRED_AT] = choose(replace, occurredAt, kept[at + OCCURRED_AT]);
        kept[at + REPORTED_AT] = choose(replace, reportedAt, kept[at + REPORTED_AT]);
        kept[at + AMOUNT_CENTS] = choose(replace, amountCents, kept[at + AMOUNT_CENTS]);
        kept[at + BUCKET] = choose(replace, ageBucket, kept[at + BUCKET]);
        kept[at + EVENT] = choose(replace, i + 1L, kept[at + EVENT]);
    }

    /** Adds each institution's latest balance to the sum of its type's bucket. */
    void addTo(AmountSums sums) {
        for (int balance = 0; balance < rows * 2; balance++) {
            int at = balance * FIELDS;
            if (kept[at + EVENT] != 0) {
                sums.add(balance % 2 == 0 ? OVERDUE : DEBT, (int) kept[at + BUCKET], kept[at + AMOUNT_CENTS]);
            }
        }
    }

    /** Whether event {@code i}, which occurred when the one kept at {@code at} did, is later: by reportedAt, then eventId. */
    private boolean isLaterAtTheSameInstant(EventHistory history, int i, long reportedAt, int at) {
        if (reportedAt != kept[at + REPORTED_AT]) {
            return reportedAt > kept[at + REPORTED_AT];
        }
        return CodePointOrder.IDS.compare(history.eventId(i), history.eventId((int) kept[at + EVENT] - 1)) > 0;
    }

    /** {@code replace ? newValue : oldValue} for a mask of all ones or all zeros, without a branch. */
    private static long choose(long replace, long newValue, long oldValue) {
        return newValue & replace | oldValue & ~replace;
    }

    /** The institution's row, made on its first balance. */
    private int rowOf(int institution) {
        if (institution < InstitutionNumbers.KEPT) {
            if (rowOfFirst[institution] == 0) {
                rowOfFirst[institution] = newRow();
            }
            return rowOfFirst[institution] - 1;
        }
        int further = institution - InstitutionNumbers.KEPT;
        if (further >= rowOfFurther.length) {
            rowOfFurther = Arrays.copyOf(rowOfFurther, Math.max(rowOfFurther.length * 2, further + 1));
        }
        if (rowOfFurther[further] == 0) {
            rowOfFurther[further] = newRow();
        }
        return rowOfFurther[further] - 1;
    }

    /** A new row, as its number + 1. */
    private int newRow() {
        if ((rows + 1) * 2 * FIELDS > kept.length) {
            kept = Arrays.copyOf(kept, kept.length * 2);
        }
        return ++rows;
    }
}

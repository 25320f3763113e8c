package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.Window;
import java.math.BigInteger;

/**
 * Sums of amounts, one per event type and age bucket ({@link AgeBuckets}), kept exactly in cents
 * and rounded half-up to whole units only when a window's sum is read: "amounts are rounded half-up
 * to a whole number at the end" (CONTRACT §3.2).
 *
 * <p>A sum is a long while it fits, which holds thousands of the largest amounts an event may carry
 * (under 10^15 cents); what would overflow it moves to a {@link BigInteger}, so a sum is never
 * wrong, and a window's sum beyond a long of whole units fails only the signal that reads it.
 */
final class AmountSums {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    /** Half a unit in cents: {@code (cents + 50) / 100} rounds half-up. */
    private static final int HALF_UNIT = 50;

    private final long[] cents = new long[AgeBuckets.SLOTS];
    private final boolean[] added = new boolean[AgeBuckets.SLOTS];
    /** Per slot, the cents that no longer fitted in {@link #cents}; null until a sum outgrows a long. */
    private BigInteger[] overflow;

    /**
     * Adds an amount to the sum of the type's (its ordinal's) bucket.
     *
     * @throws IllegalArgumentException when the amount is negative
     */
    void add(int type, int bucket, long amountCents) {
        if (amountCents < 0) {
            throw new IllegalArgumentException("an amount is never negative, was " + amountCents + " cents");
        }
        int slot = AgeBuckets.slot(type, bucket);
        added[slot] = true;
        long sum = cents[slot] + amountCents;
        if (sum < 0) {
            sum = overflowed(slot, amountCents);
        }
        cents[slot] = sum;
    }

    /**
     * The sum of the amounts added in the window's buckets, rounded half-up to whole units; null
     * when none was added.
     *
     * @throws ArithmeticException when the rounded sum does not fit in a long
     */
    Long roundedSum(int type, Window window) {
        boolean any = false;
        boolean fits = overflow == null;
        long sum = HALF_UNIT;
        for (int bucket = 0; bucket <= AgeBuckets.last(window); bucket++) {
            int slot = AgeBuckets.slot(type, bucket);
            any |= added[slot];
            sum += cents[slot];
            fits &= sum >= 0;
        }
        if (!any) {
            return null;
        }
        return fits ? sum / 100 : exactSum(type, window).add(BigInteger.valueOf(HALF_UNIT)).divide(HUNDRED)
                .longValueExact();
    }

    /** Moves the slot's sum and an amount that would overflow it into {@link #overflow}; 0 cents stay. */
    private long overflowed(int slot, long amountCents) {
        if (overflow == null) {
            overflow = new BigInteger[AgeBuckets.SLOTS];
        }
        BigInteger moved = BigInteger.valueOf(cents[slot]).add(BigInteger.valueOf(amountCents));
        overflow[slot] = overflow[slot] == null ? moved : overflow[slot].add(moved);
        return 0;
    }

    private BigInteger exactSum(int type, Window window) {
        BigInteger sum = BigInteger.ZERO;
        for (int bucket = 0; bucket <= AgeBuckets.last(window); bucket++) {
            int slot = AgeBuckets.slot(type, bucket);
            sum = sum.add(BigInteger.valueOf(cents[slot]));
            if (overflow != null && overflow[slot] != null) {
                sum = sum.add(overflow[slot]);
            }
        }
        return sum;
    }
}

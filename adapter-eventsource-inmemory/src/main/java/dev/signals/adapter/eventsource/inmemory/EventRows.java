package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.catalogue.EventType;

/**
 * How one event is packed into a row of three longs, and read back exactly.
 *
 * <pre>
 * long 0  occurredAt - year 1 in micros (59 bits) | type (4 bits) | autoRepayment (1 bit)
 * long 1  compact: 0 | institution (16 bits) | zigzag(reportedAt - occurredAt) in micros (47 bits)
 *         wide:    1 | the number of the event's {@link WideRecords wide record} (63 bits)
 * long 2  amount in cents + 1, 0 for none (50 bits) | autoRepayment given, true or false (1 bit)
 *         | overdueDays + 1, 0 for none (13 bits; 0 when wide)
 * </pre>
 *
 * A row is wide when a value does not fit its compact field (an institution numbered 65,536 or more,
 * reportedAt more than 2.2 years from occurredAt, more than 8,190 overdue days) and for balances (OVERDUE and
 * DEBT with an amount), whose event id the calculation may read; the wide record then holds reportedAt,
 * institution and overdue days in full, and the event id. Every other field always fits: the domain keeps
 * instants within the years 1 to 9999 (under 2^59 micros apart) and amounts under 10^15 cents (under 2^50 - 1).
 * Whether an OVERDUE event said {@code autoRepayment} at all is kept apart from its value, because an explanation
 * shows {@code false} and {@code null} as they were reported (CONTRACT §2.5).
 */
final class EventRows {

    static final int LONGS = 3;
    /** The amount in cents of an event without one, as {@link #third} takes it and {@link #amountCents} gives it. */
    static final long NO_AMOUNT = -1;
    /** The overdue days of an event without them, as the rows and {@link WideRecords} take and give them. */
    static final int NO_OVERDUE_DAYS = -1;

    private static final EventType[] TYPES = EventType.values();
    /** 0001-01-01T00:00:00Z in micros since the epoch, the earliest instant the domain accepts. */
    static final long EARLIEST_MICROS = -62_135_596_800_000_000L;
    private static final long OCCURRED_LIMIT = 1L << 59;
    private static final long WIDE = 1L << 63;
    private static final int INSTITUTION_SHIFT = 47;
    private static final int COMPACT_INSTITUTIONS = 1 << 16;
    private static final long DELTA_LIMIT = 1L << 46;
    private static final long DELTA_MASK = (1L << 47) - 1;
    private static final int OVERDUE_BITS = 13;
    private static final int OVERDUE_MASK = (1 << OVERDUE_BITS) - 1;
    private static final int AUTO_REPAYMENT_GIVEN_SHIFT = OVERDUE_BITS;
    private static final int AMOUNT_SHIFT = OVERDUE_BITS + 1;
    private static final long AMOUNT_LIMIT = (1L << 50) - 1;

    private EventRows() {
    }

    static long first(long occurredMicros, EventType type, boolean autoRepayment) {
        long sinceEarliest = occurredMicros - EARLIEST_MICROS;
        if (sinceEarliest < 0 || sinceEarliest >= OCCURRED_LIMIT) {
            throw new IllegalArgumentException("occurredAt outside the years 1 to 9999: " + occurredMicros + " micros");
        }
        return sinceEarliest << 5 | (long) type.ordinal() << 1 | (autoRepayment ? 1 : 0);
    }

    /** The compact second long, or -1 when the values need a wide record. */
    static long compactSecond(long occurredMicros, long reportedMicros, int institution, int overdueDays, boolean balance) {
        long delta = reportedMicros - occurredMicros;
        if (balance || institution >= COMPACT_INSTITUTIONS || delta <= -DELTA_LIMIT || delta >= DELTA_LIMIT
                || overdueDays >= OVERDUE_MASK) {
            return -1;
        }
        return (long) institution << INSTITUTION_SHIFT | (delta << 1 ^ delta >> 63);
    }

    static long wideSecond(long wideRecord) {
        return WIDE | wideRecord;
    }

    static long third(long amountCents, int overdueDays, boolean autoRepaymentGiven, boolean wide) {
        long amount;
        if (amountCents == NO_AMOUNT) {
            amount = 0;
        } else if (amountCents < 0 || amountCents >= AMOUNT_LIMIT) {
            throw new IllegalArgumentException("amount outside 0 to 2^50 - 2 cents: " + amountCents);
        } else {
            amount = amountCents + 1;
        }
        return amount << AMOUNT_SHIFT | (autoRepaymentGiven ? 1L : 0L) << AUTO_REPAYMENT_GIVEN_SHIFT
                | (wide ? 0 : overdueDays + 1);
    }

    static EventType type(long first) {
        return TYPES[(int) (first >>> 1) & 0xf];
    }

    static boolean autoRepayment(long first) {
        return (first & 1) != 0;
    }

    static long occurredMicros(long first) {
        return (first >>> 5) + EARLIEST_MICROS;
    }

    static boolean isWide(long second) {
        return second < 0;
    }

    static long wideRecord(long second) {
        return second & ~WIDE;
    }

    static int institution(long second) {
        return (int) (second >>> INSTITUTION_SHIFT);
    }

    static long reportedMicros(long first, long second) {
        long zigzag = second & DELTA_MASK;
        return occurredMicros(first) + (zigzag >>> 1 ^ -(zigzag & 1));
    }

    static long amountCents(long third) {
        return (third >>> AMOUNT_SHIFT) - 1;
    }

    /** Whether the event said {@code autoRepayment}, true or false. */
    static boolean autoRepaymentGiven(long third) {
        return (third >>> AUTO_REPAYMENT_GIVEN_SHIFT & 1) != 0;
    }

    static int overdueDays(long third) {
        return ((int) third & OVERDUE_MASK) - 1;
    }
}

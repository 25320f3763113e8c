package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Horizon;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;

import java.util.Objects;

/**
 * One subject's events: rows as they were when the history was taken, the wide values they refer to, when each
 * was retracted (null when none was), the institutions' ids by number, and the index's horizon then (issue 18).
 */
record IndexedHistory(long[] rows, int size, long[][] wide, byte[][] eventIds, long[] retractedAt,
                      InstitutionId[] institutionIds, Horizon horizon) implements EventHistory {

    @Override
    public EventType type(int i) {
        return EventRows.type(rows[at(i)]);
    }

    @Override
    public int institution(int i) {
        long second = second(i);
        return EventRows.isWide(second) ? WideRecords.institution(wide, EventRows.wideRecord(second))
                : EventRows.institution(second);
    }

    @Override
    public InstitutionId institutionId(int i) {
        return institutionIds[institution(i)];
    }

    @Override
    public long occurredAtMicros(int i) {
        return EventRows.occurredMicros(rows[at(i)]);
    }

    @Override
    public long reportedAtMicros(int i) {
        long second = second(i);
        return EventRows.isWide(second) ? WideRecords.reportedMicros(wide, EventRows.wideRecord(second))
                : EventRows.reportedMicros(rows[at(i)], second);
    }

    @Override
    public boolean hasAmount(int i) {
        return EventRows.amountCents(rows[at(i) + 2]) != EventRows.NO_AMOUNT;
    }

    @Override
    public long amountCents(int i) {
        long cents = EventRows.amountCents(rows[at(i) + 2]);
        if (cents == EventRows.NO_AMOUNT) {
            throw new IllegalStateException("event " + i + " has no amount");
        }
        return cents;
    }

    @Override
    public boolean hasOverdueDays(int i) {
        return overdueDaysOrNone(i) != EventRows.NO_OVERDUE_DAYS;
    }

    @Override
    public int overdueDays(int i) {
        int days = overdueDaysOrNone(i);
        if (days == EventRows.NO_OVERDUE_DAYS) {
            throw new IllegalStateException("event " + i + " has no overdue days");
        }
        return days;
    }

    @Override
    public boolean autoRepayment(int i) {
        return EventRows.autoRepayment(rows[at(i)]);
    }

    @Override
    public boolean hasAutoRepayment(int i) {
        return EventRows.autoRepaymentGiven(rows[at(i) + 2]);
    }

    @Override
    public String eventId(int i) {
        long reference = idReference(i);
        if (reference < 0) {
            throw new UnsupportedOperationException("the index keeps the ids of balances with an amount only");
        }
        return StringPool.read(eventIds, reference);
    }

    @Override
    public long retractedAtMicros(int i) {
        Objects.checkIndex(i, size);
        return retractedAt == null ? NOT_RETRACTED : retractedAt[i];
    }

    /**
     * Whether event {@code i} is {@code event}, of the institution numbered {@code institution}, as far as the index
     * keeps it (its id only when it keeps that).
     */
    boolean holds(int i, int institution, Event event) {
        return institution(i) == institution && type(i) == event.type() && occurredAtMicros(i) == Micros.of(event.occurredAt())
                && reportedAtMicros(i) == Micros.of(event.reportedAt())
                && hasAmount(i) == (event.amount() != null)
                && (!hasAmount(i) || amountCents(i) == InMemoryEventIndex.cents(event.amount()))
                && hasOverdueDays(i) == (event.overdueDays() != null)
                && (!hasOverdueDays(i) || overdueDays(i) == event.overdueDays())
                && autoRepayment(i) == Boolean.TRUE.equals(event.autoRepayment())
                && hasAutoRepayment(i) == (event.autoRepayment() != null)
                && (idReference(i) < 0 || eventId(i).equals(event.eventId()));
    }

    private long idReference(int i) {
        long second = second(i);
        return EventRows.isWide(second) ? WideRecords.idReference(wide, EventRows.wideRecord(second)) : -1;
    }

    private int overdueDaysOrNone(int i) {
        long second = second(i);
        return EventRows.isWide(second) ? WideRecords.overdueDays(wide, EventRows.wideRecord(second))
                : EventRows.overdueDays(rows[at(i) + 2]);
    }

    private long second(int i) {
        return rows[at(i) + 1];
    }

    private int at(int i) {
        return Objects.checkIndex(i, size) * EventRows.LONGS;
    }
}

package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import java.util.List;

/**
 * One subject's events as the {@link SignalCalculator} reads them: an indexed, primitive view, so
 * that a compact in-memory index can serve it without an object per event. Event {@code i}
 * (0 ≤ i < {@link #size()}) has a type, an institution (an opaque int, equal exactly when the
 * institution is the same within this history), its instants in microseconds, an amount in cents
 * or {@link #NO_AMOUNT}, overdue days or {@link #NO_OVERDUE_DAYS}, and its event id (read only to
 * break ties between balances, CONTRACT §3.2). Events are unique per (institution, eventId).
 */
public interface EventHistory {

    /** {@link #amountCents(int)} of an event without an amount. */
    long NO_AMOUNT = Long.MIN_VALUE;

    /** {@link #overdueDays(int)} of an event without overdue days. */
    int NO_OVERDUE_DAYS = -1;

    int size();

    EventType type(int i);

    /**
     * {@code type(i).ordinal()}: what the calculation reads per event. A compact history that keeps the
     * type as a number answers it without looking up the enum constant.
     */
    default int typeOrdinal(int i) {
        return type(i).ordinal();
    }

    /** The institution as an opaque int; equal ints mean the same institution in this history. */
    int institution(int i);

    long occurredAtMicros(int i);

    long reportedAtMicros(int i);

    /** The amount in cents ({@code 1520.50} is {@code 152050}), or {@link #NO_AMOUNT}. */
    long amountCents(int i);

    default boolean hasAmount(int i) {
        return amountCents(i) != NO_AMOUNT;
    }

    /** The overdue days (≥ 0), or {@link #NO_OVERDUE_DAYS}. */
    int overdueDays(int i);

    /** Whether the event says the overdue loan is repaid automatically (false when not given). */
    boolean autoRepayment(int i);

    /** {@link #retractedAtMicros} of an event that was not retracted. */
    long NOT_RETRACTED = Long.MAX_VALUE;

    /**
     * When the event's retraction was committed (CONTRACT §4.1), in micros, or {@link #NOT_RETRACTED}: the event
     * is known at T only while T is before it (§3.2).
     */
    default long retractedAtMicros(int i) {
        return NOT_RETRACTED;
    }

    String eventId(int i);

    /**
     * A history of these events, in the given order.
     *
     * @throws IllegalArgumentException when two events share institution and event id
     */
    static EventHistory of(List<Event> events) {
        return new ListEventHistory(events, List.of());
    }

    /**
     * These events, some of them retracted (each retraction names its event by institution and event id).
     *
     * @throws IllegalArgumentException when a retraction names no event of the list, or one retracted already
     */
    static EventHistory of(List<Event> events, List<RetractedEvent> retractions) {
        return new ListEventHistory(events, retractions);
    }

    /** A history without events. */
    static EventHistory empty() {
        return ListEventHistory.EMPTY;
    }
}

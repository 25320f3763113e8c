package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import java.util.List;

/**
 * One subject's events as the calculation reads them: event {@code i} ({@code 0 <= i < size()}), one
 * field at a time, so that a compact index can answer without an object per event. The fields are
 * those of an {@link Event} (CONTRACT §4), with the instants in microseconds, the amount in cents and
 * the institution as a number; events are unique per institution and event id.
 */
public interface EventHistory {

    int size();

    EventType type(int i);

    /**
     * The institution that reported the event, as a number: equal numbers mean the same institution
     * within this history, and any int may be one.
     */
    int institution(int i);

    /** The institution that reported the event, by its id (what an explanation orders and masks by). */
    InstitutionId institutionId(int i);

    long occurredAtMicros(int i);

    long reportedAtMicros(int i);

    boolean hasAmount(int i);

    /**
     * The amount in cents ({@code 1520.50} is {@code 152050}), {@code >= 0}.
     *
     * @throws IllegalStateException when the event has no amount (see {@link #hasAmount})
     */
    long amountCents(int i);

    boolean hasOverdueDays(int i);

    /**
     * The overdue days, {@code >= 0}.
     *
     * @throws IllegalStateException when the event has none (see {@link #hasOverdueDays})
     */
    int overdueDays(int i);

    /** Whether the event says the overdue loan is repaid automatically (false when not given). */
    boolean autoRepayment(int i);

    /**
     * Whether the event said {@code autoRepayment} at all, true or false (only OVERDUE events may): an explanation
     * shows {@code false} and {@code null} as they were reported.
     */
    boolean hasAutoRepayment(int i);

    /** {@link #retractedAtMicros} of an event that was not retracted. */
    long NOT_RETRACTED = Long.MAX_VALUE;

    /**
     * When the event's retraction was committed (CONTRACT §4.1), in micros, or {@link #NOT_RETRACTED}: the event
     * is known at T only while T is before it (§3.2).
     */
    default long retractedAtMicros(int i) {
        return NOT_RETRACTED;
    }

    /**
     * Which events the history holds: all of them ({@link Horizon#NONE}), or, of those that occurred before its
     * horizon, only each type's latest (issue 18); {@link Horizon#answersExactly} tells whether that is enough at T.
     */
    default Horizon horizon() {
        return Horizon.NONE;
    }

    /**
     * The event's id. A history must give the id of every balance that carries an amount (an OVERDUE
     * or DEBT event with an amount): an institution's latest balance is the latest by occurredAt,
     * then reportedAt, then event id (CONTRACT §3.2). The calculation reads no other event's id, and
     * a history may keep no other.
     *
     * @throws UnsupportedOperationException for an event whose id this history does not keep
     */
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

package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@link EventHistory} that reads a list of events, numbering their institutions in order of
 * first appearance. It keeps every event id.
 */
final class ListEventHistory implements EventHistory {

    static final ListEventHistory EMPTY = new ListEventHistory(List.of());

    private final List<Event> events;
    private final int[] institutions;

    ListEventHistory(List<Event> events) {
        this.events = List.copyOf(events);
        institutions = new int[events.size()];
        Map<InstitutionId, Integer> numbers = new HashMap<>();
        Set<List<String>> identities = new HashSet<>();
        for (int i = 0; i < institutions.length; i++) {
            Event event = this.events.get(i);
            if (!identities.add(List.of(event.institutionId().value(), event.eventId()))) {
                throw new IllegalArgumentException("event " + event.eventId() + " of institution "
                        + event.institutionId() + " appears twice in one history");
            }
            institutions[i] = numbers.computeIfAbsent(event.institutionId(), id -> numbers.size());
        }
    }

    @Override
    public int size() {
        return events.size();
    }

    @Override
    public EventType type(int i) {
        return events.get(i).type();
    }

    @Override
    public int institution(int i) {
        return institutions[i];
    }

    @Override
    public long occurredAtMicros(int i) {
        return Micros.of(events.get(i).occurredAt());
    }

    @Override
    public long reportedAtMicros(int i) {
        return Micros.of(events.get(i).reportedAt());
    }

    @Override
    public boolean hasAmount(int i) {
        return events.get(i).amount() != null;
    }

    @Override
    public long amountCents(int i) {
        if (!hasAmount(i)) {
            throw new IllegalStateException("event " + i + " has no amount");
        }
        return events.get(i).amount().movePointRight(2).longValueExact();
    }

    @Override
    public boolean hasOverdueDays(int i) {
        return events.get(i).overdueDays() != null;
    }

    @Override
    public int overdueDays(int i) {
        if (!hasOverdueDays(i)) {
            throw new IllegalStateException("event " + i + " has no overdue days");
        }
        return events.get(i).overdueDays();
    }

    @Override
    public boolean autoRepayment(int i) {
        return Boolean.TRUE.equals(events.get(i).autoRepayment());
    }

    @Override
    public String eventId(int i) {
        return events.get(i).eventId();
    }
}

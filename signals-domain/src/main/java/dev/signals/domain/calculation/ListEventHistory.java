package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link EventHistory} that reads a list of events, and the retractions of some of them, numbering their
 * institutions in the order of their ids (by code points), so that comparing two numbers compares the ids. It keeps
 * every event id.
 */
final class ListEventHistory implements EventHistory {

    static final ListEventHistory EMPTY = new ListEventHistory(List.of(), List.of());

    private final List<Event> events;
    private final int[] institutions;
    private final long[] occurredAt;
    private final long[] reportedAt;
    private final long[] retractedAt;

    /**
     * @param retractions of some of the events, each named by its institution and event id
     * @throws IllegalArgumentException when an event appears twice, or a retraction names no event or one
     *                                  retracted already
     */
    ListEventHistory(List<Event> events, List<RetractedEvent> retractions) {
        this.events = List.copyOf(events);
        int n = this.events.size();
        institutions = new int[n];
        occurredAt = new long[n];
        reportedAt = new long[n];
        retractedAt = new long[n];
        Arrays.fill(retractedAt, NOT_RETRACTED);
        Map<InstitutionId, Integer> numbers = numbersInOrderOfIds(this.events);
        Map<Identity, Integer> identities = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            Event event = this.events.get(i);
            if (identities.putIfAbsent(identityOf(event), i) != null) {
                throw new IllegalArgumentException("event " + event.eventId() + " of institution "
                        + event.institutionId() + " appears twice in one history");
            }
            institutions[i] = numbers.get(event.institutionId());
            occurredAt[i] = Micros.of(event.occurredAt());
            reportedAt[i] = Micros.of(event.reportedAt());
        }
        for (RetractedEvent retraction : retractions) {
            Integer i = identities.get(identityOf(retraction.event()));
            if (i == null || retractedAt[i] != NOT_RETRACTED) {
                throw new IllegalArgumentException("a retraction of event " + retraction.event().eventId()
                        + " of institution " + retraction.event().institutionId() + " that the history holds "
                        + (i == null ? "not" : "retracted already"));
            }
            retractedAt[i] = Micros.of(retraction.retractedAt());
        }
    }

    private static Map<InstitutionId, Integer> numbersInOrderOfIds(List<Event> events) {
        List<InstitutionId> ids = events.stream().map(Event::institutionId).distinct()
                .sorted(Comparator.comparing(InstitutionId::value, CodePointOrder.IDS)).toList();
        Map<InstitutionId, Integer> numbers = new HashMap<>();
        for (InstitutionId id : ids) {
            numbers.put(id, numbers.size());
        }
        return numbers;
    }

    /** What names an event in the network: its institution and its id there. */
    private record Identity(InstitutionId institution, String eventId) {
    }

    private static Identity identityOf(Event event) {
        return new Identity(event.institutionId(), event.eventId());
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
    public InstitutionId institutionId(int i) {
        return events.get(i).institutionId();
    }

    @Override
    public long occurredAtMicros(int i) {
        return occurredAt[i];
    }

    @Override
    public long reportedAtMicros(int i) {
        return reportedAt[i];
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
    public boolean hasAutoRepayment(int i) {
        return events.get(i).autoRepayment() != null;
    }

    @Override
    public String eventId(int i) {
        return events.get(i).eventId();
    }

    @Override
    public long retractedAtMicros(int i) {
        return retractedAt[i];
    }
}

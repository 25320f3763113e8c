package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link EventHistory} copied from a list of events, and the retractions of some of them, into parallel
 * arrays.
 */
final class ListEventHistory implements EventHistory {

    static final ListEventHistory EMPTY = new ListEventHistory(List.of(), List.of());

    private final EventType[] types;
    private final int[] institutions;
    private final long[] occurredAt;
    private final long[] reportedAt;
    private final long[] amountCents;
    private final int[] overdueDays;
    private final boolean[] autoRepayment;
    private final String[] eventIds;
    private final long[] retractedAt;

    /**
     * @param retractions of some of the events, each named by its institution and event id
     * @throws IllegalArgumentException when an event appears twice, or a retraction names no event or one
     *                                  retracted already
     */
    ListEventHistory(List<Event> events, List<RetractedEvent> retractions) {
        int n = events.size();
        types = new EventType[n];
        institutions = new int[n];
        occurredAt = new long[n];
        reportedAt = new long[n];
        amountCents = new long[n];
        overdueDays = new int[n];
        autoRepayment = new boolean[n];
        eventIds = new String[n];
        retractedAt = new long[n];
        Arrays.fill(retractedAt, NOT_RETRACTED);
        Map<InstitutionId, Integer> institutionNumbers = new HashMap<>();
        Map<List<String>, Integer> identities = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Event event = events.get(i);
            if (identities.putIfAbsent(identityOf(event), i) != null) {
                throw new IllegalArgumentException("event " + event.eventId() + " of institution "
                        + event.institutionId() + " appears twice in one history");
            }
            types[i] = event.type();
            institutions[i] = institutionNumbers.computeIfAbsent(event.institutionId(), id -> institutionNumbers.size());
            occurredAt[i] = Micros.of(event.occurredAt());
            reportedAt[i] = Micros.of(event.reportedAt());
            amountCents[i] = event.amount() == null ? NO_AMOUNT : event.amount().movePointRight(2).longValueExact();
            overdueDays[i] = event.overdueDays() == null ? NO_OVERDUE_DAYS : event.overdueDays();
            autoRepayment[i] = Boolean.TRUE.equals(event.autoRepayment());
            eventIds[i] = event.eventId();
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

    private static List<String> identityOf(Event event) {
        return List.of(event.institutionId().value(), event.eventId());
    }

    @Override
    public int size() {
        return types.length;
    }

    @Override
    public EventType type(int i) {
        return types[i];
    }

    @Override
    public int institution(int i) {
        return institutions[i];
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
    public long amountCents(int i) {
        return amountCents[i];
    }

    @Override
    public int overdueDays(int i) {
        return overdueDays[i];
    }

    @Override
    public boolean autoRepayment(int i) {
        return autoRepayment[i];
    }

    @Override
    public String eventId(int i) {
        return eventIds[i];
    }

    @Override
    public long retractedAtMicros(int i) {
        return retractedAt[i];
    }
}

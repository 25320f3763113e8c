package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;

/**
 * A history that keeps few event ids (the index keeps those of balances only), given the ids of some of its events
 * from their records in the journal: each record names the event of the history that is equal to it in every field
 * the history keeps (institution, type, instants, amount, overdue days, autoRepayment, retraction). Events alike in
 * all of those differ in nothing but their ids, so whichever of them gets which id, every value, every ordering and
 * every explanation comes out the same; they get the ids in code-point order, in the order of the history.
 *
 * <p>A record is first matched with its retraction; one the history does not show retracted yet (a node's index
 * learns of a retraction within a second of the journal) is then matched without it. A record without an event
 * (one the index has yet to learn of) names none. Reading the id of an event no record named is the history's own
 * answer: the id of a balance, or {@link UnsupportedOperationException}.
 */
public final class IdentifiedHistory implements EventHistory {

    private final EventHistory history;
    private final String[] ids;

    private IdentifiedHistory(EventHistory history, String[] ids) {
        this.history = history;
        this.ids = ids;
    }

    /**
     * @param records     events of the history's subject as the journal holds them (some institutions' or all)
     * @param retractions the retractions of some of those records
     */
    public static IdentifiedHistory of(EventHistory history, List<Event> records, List<RetractedEvent> retractions) {
        Objects.requireNonNull(history, "history");
        Map<Event, Long> retractedAt = new HashMap<>();
        for (RetractedEvent retraction : retractions) {
            retractedAt.put(retraction.event(), Micros.of(retraction.retractedAt()));
        }
        Map<Fields, Queue<String>> withRetraction = new HashMap<>();
        for (Event record : records.stream().sorted(Comparator.comparing(Event::eventId, CodePointOrder.IDS)).toList()) {
            long retracted = retractedAt.getOrDefault(record, NOT_RETRACTED);
            withRetraction.computeIfAbsent(Fields.of(record, retracted), key -> new ArrayDeque<>()).add(record.eventId());
        }
        Set<InstitutionId> institutions = new HashSet<>();
        records.forEach(record -> institutions.add(record.institutionId()));
        String[] ids = new String[history.size()];
        give(ids, history, institutions, withRetraction, true);
        Map<Fields, Queue<String>> left = new HashMap<>();
        withRetraction.forEach((fields, alike) -> alike.forEach(id ->
                left.computeIfAbsent(fields.withoutRetraction(), key -> new ArrayDeque<>()).add(id)));
        give(ids, history, institutions, left, false);
        return new IdentifiedHistory(history, ids);
    }

    /**
     * Gives each event of these institutions that has no id yet the next id of a record alike, with its retraction or
     * regardless of it.
     */
    private static void give(String[] ids, EventHistory history, Set<InstitutionId> institutions,
                             Map<Fields, Queue<String>> idsByFields, boolean withRetraction) {
        for (int i = 0; i < ids.length && !idsByFields.isEmpty(); i++) {
            if (ids[i] == null && institutions.contains(history.institutionId(i))) {
                Queue<String> alike = idsByFields.get(
                        Fields.of(history, i, withRetraction ? history.retractedAtMicros(i) : NOT_RETRACTED));
                ids[i] = alike == null ? null : alike.poll();
            }
        }
    }

    /** What the history keeps of an event; absent values are -1, an autoRepayment not given is -1, false 0, true 1. */
    private record Fields(InstitutionId institution, EventType type, long occurredAt, long reportedAt, long amountCents,
                          int overdueDays, int autoRepayment, long retractedAt) {

        static Fields of(Event event, long retractedAt) {
            return new Fields(event.institutionId(), event.type(), Micros.of(event.occurredAt()),
                    Micros.of(event.reportedAt()), event.amount() == null ? -1 : event.amount().movePointRight(2).longValueExact(),
                    event.overdueDays() == null ? -1 : event.overdueDays(),
                    event.autoRepayment() == null ? -1 : event.autoRepayment() ? 1 : 0, retractedAt);
        }

        static Fields of(EventHistory history, int i, long retractedAt) {
            return new Fields(history.institutionId(i), history.type(i), history.occurredAtMicros(i),
                    history.reportedAtMicros(i), history.hasAmount(i) ? history.amountCents(i) : -1,
                    history.hasOverdueDays(i) ? history.overdueDays(i) : -1,
                    history.hasAutoRepayment(i) ? history.autoRepayment(i) ? 1 : 0 : -1, retractedAt);
        }

        Fields withoutRetraction() {
            return new Fields(institution, type, occurredAt, reportedAt, amountCents, overdueDays, autoRepayment,
                    NOT_RETRACTED);
        }
    }

    @Override
    public String eventId(int i) {
        String id = ids[i];
        return id != null ? id : history.eventId(i);
    }

    @Override
    public int size() {
        return history.size();
    }

    @Override
    public EventType type(int i) {
        return history.type(i);
    }

    @Override
    public int institution(int i) {
        return history.institution(i);
    }

    @Override
    public InstitutionId institutionId(int i) {
        return history.institutionId(i);
    }

    @Override
    public long occurredAtMicros(int i) {
        return history.occurredAtMicros(i);
    }

    @Override
    public long reportedAtMicros(int i) {
        return history.reportedAtMicros(i);
    }

    @Override
    public boolean hasAmount(int i) {
        return history.hasAmount(i);
    }

    @Override
    public long amountCents(int i) {
        return history.amountCents(i);
    }

    @Override
    public boolean hasOverdueDays(int i) {
        return history.hasOverdueDays(i);
    }

    @Override
    public int overdueDays(int i) {
        return history.overdueDays(i);
    }

    @Override
    public boolean autoRepayment(int i) {
        return history.autoRepayment(i);
    }

    @Override
    public boolean hasAutoRepayment(int i) {
        return history.hasAutoRepayment(i);
    }

    @Override
    public long retractedAtMicros(int i) {
        return history.retractedAtMicros(i);
    }
}

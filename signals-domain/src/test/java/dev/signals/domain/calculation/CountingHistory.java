package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import java.util.HashMap;
import java.util.Map;

/** Wraps a history and counts how often each (accessor, event) pair is read. */
final class CountingHistory implements EventHistory {

    private final EventHistory history;
    private final Map<String, Integer> reads = new HashMap<>();

    CountingHistory(EventHistory history) {
        this.history = history;
    }

    private void read(String accessor, int i) {
        reads.merge(accessor + "#" + i, 1, Integer::sum);
    }

    /** The most reads of one accessor for one event (event ids excepted: ties compare them). */
    int maxReadsOfOneEvent() {
        return reads.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    @Override
    public int size() {
        return history.size();
    }

    @Override
    public EventType type(int i) {
        read("type", i);
        return history.type(i);
    }

    @Override
    public int institution(int i) {
        read("institution", i);
        return history.institution(i);
    }

    @Override
    public long occurredAtMicros(int i) {
        read("occurredAt", i);
        return history.occurredAtMicros(i);
    }

    @Override
    public long reportedAtMicros(int i) {
        read("reportedAt", i);
        return history.reportedAtMicros(i);
    }

    @Override
    public boolean hasAmount(int i) {
        read("hasAmount", i);
        return history.hasAmount(i);
    }

    @Override
    public long amountCents(int i) {
        read("amount", i);
        return history.amountCents(i);
    }

    @Override
    public boolean hasOverdueDays(int i) {
        read("hasOverdueDays", i);
        return history.hasOverdueDays(i);
    }

    @Override
    public int overdueDays(int i) {
        read("overdueDays", i);
        return history.overdueDays(i);
    }

    @Override
    public boolean autoRepayment(int i) {
        read("autoRepayment", i);
        return history.autoRepayment(i);
    }

    @Override
    public boolean hasAutoRepayment(int i) {
        read("hasAutoRepayment", i);
        return history.hasAutoRepayment(i);
    }

    @Override
    public InstitutionId institutionId(int i) {
        read("institutionId", i);
        return history.institutionId(i);
    }

    @Override
    public String eventId(int i) {
        return history.eventId(i);
    }
}

package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.Metric;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A deliberately naive computation of CONTRACT §3.2, one signal at a time, straight from the
 * contract's sentences: lists of {@link Event}s, {@link Instant} comparisons, {@link BigDecimal}
 * sums. It shares nothing with {@link SignalCalculator} but the catalogue, so that the two can
 * check each other. Slow on purpose; for tests only.
 */
public final class ReferenceCalculator {

    private ReferenceCalculator() {
    }

    /** Whether any event is known at {@code asOf}: the request is SUCCESS rather than NO_DATA. */
    public static boolean hasData(List<Event> events, Instant asOf) {
        return hasData(events, List.of(), asOf);
    }

    /** The same when some of the events were retracted. */
    public static boolean hasData(List<Event> events, List<RetractedEvent> retractions, Instant asOf) {
        return !known(events, retractions, asOf).isEmpty();
    }

    /** The value of each signal, keyed by name, in the order given. */
    public static Map<String, Long> values(List<Event> events, Instant asOf, Collection<Signal> signals) {
        return values(events, List.of(), asOf, signals);
    }

    /**
     * The same when some of the events were retracted: an event retracted at or before {@code asOf} is not
     * known then (CONTRACT §3.2, §4.1). A retraction names its event by institution and event id.
     */
    public static Map<String, Long> values(List<Event> events, List<RetractedEvent> retractions, Instant asOf,
                                           Collection<Signal> signals) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Signal signal : signals) {
            values.put(signal.name(), value(events, retractions, asOf, signal));
        }
        return values;
    }

    /** The value of one signal for a subject with these events, as it was at {@code asOf}. */
    public static Long value(List<Event> events, Instant asOf, Signal signal) {
        return value(events, List.of(), asOf, signal);
    }

    /** The same when some of the events were retracted. */
    public static Long value(List<Event> events, List<RetractedEvent> retractions, Instant asOf, Signal signal) {
        List<Event> ofType = known(events, retractions, asOf).stream()
                .filter(e -> e.type() == signal.eventType())
                .toList();

        if (signal.metric() == Metric.DAYS_SINCE_LAST) {
            return ofType.stream()
                    .map(Event::occurredAt)
                    .max(Comparator.naturalOrder())
                    .map(latest -> Duration.between(latest, asOf).toDays())
                    .orElse(null);
        }

        Instant windowStart = asOf.minus(Duration.ofDays(signal.window().orElseThrow().days()));
        List<Event> inWindow = ofType.stream()
                .filter(e -> e.occurredAt().isAfter(windowStart))
                .toList();

        switch (signal.metric()) {
            case COUNT:
                return (long) inWindow.size();
            case INSTITUTION_COUNT:
                return inWindow.stream().map(Event::institutionId).distinct().count();
            case AMOUNT:
                List<Event> withAmount = inWindow.stream().filter(e -> e.amount() != null).toList();
                if (withAmount.isEmpty()) {
                    return null;
                }
                if (signal.eventType().carriesBalance()) {
                    withAmount = latestPerInstitution(withAmount);
                }
                BigDecimal sum = BigDecimal.ZERO;
                for (Event event : withAmount) {
                    sum = sum.add(event.amount());
                }
                return sum.setScale(0, RoundingMode.HALF_UP).longValueExact();
            case OVERDUE_DAYS:
                return largestOverdueDays(inWindow);
            case OVERDUE_AUTOREPAYMENT_DAYS:
                return largestOverdueDays(inWindow.stream()
                        .filter(e -> Boolean.TRUE.equals(e.autoRepayment()))
                        .toList());
            default:
                throw new IllegalArgumentException("unexpected metric " + signal.metric());
        }
    }

    private static List<Event> known(List<Event> events, List<RetractedEvent> retractions, Instant asOf) {
        return events.stream()
                .filter(e -> !e.occurredAt().isAfter(asOf))
                .filter(e -> !e.reportedAt().isAfter(asOf))
                .filter(e -> retractions.stream().noneMatch(r -> r.event().institutionId().equals(e.institutionId())
                        && r.event().eventId().equals(e.eventId()) && !r.retractedAt().isAfter(asOf)))
                .toList();
    }

    private static List<Event> latestPerInstitution(List<Event> events) {
        Comparator<Event> latestLast = Comparator.comparing(Event::occurredAt)
                .thenComparing(Event::reportedAt)
                .thenComparing(Event::eventId, ReferenceCalculator::compareCodePoints);
        Map<InstitutionId, List<Event>> byInstitution = events.stream()
                .collect(Collectors.groupingBy(Event::institutionId));
        return byInstitution.values().stream()
                .map(ofOne -> ofOne.stream().max(latestLast).orElseThrow())
                .toList();
    }

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static Long largestOverdueDays(List<Event> events) {
        return events.stream()
                .map(Event::overdueDays)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .map(Integer::longValue)
                .orElse(null);
    }
}

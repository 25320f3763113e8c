package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Metric;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CONTRACT §2.5 read naively, for tests: which events produced each value, straight from the contract's sentences
 * over lists of {@link Event}s, with the values of {@link ReferenceCalculator}; then the evidence in the contract's
 * order, masked, refs numbered, the latest 1,000 kept. It shares nothing with the main code's explanation but the
 * catalogue and the domain's value types.
 */
public final class ReferenceExplanation {

    private ReferenceExplanation() {
    }

    /** The explanation of {@code signals} for a subject with these events, asked by {@code asking} at {@code asOf}. */
    public static Explanation explain(List<Event> events, List<RetractedEvent> retractions, Instant asOf,
                                      Collection<Signal> signals, InstitutionId asking) {
        Map<String, Set<Event>> producers = new LinkedHashMap<>();
        if (ReferenceCalculator.hasData(events, retractions, asOf)) {
            for (Signal signal : signals) {
                producers.put(signal.name(), producersOf(events, retractions, asOf, signal));
            }
        }
        Comparator<Event> contractOrder = Comparator.comparing(Event::occurredAt).thenComparing(Event::reportedAt)
                .thenComparing(e -> e.institutionId().value(), ReferenceExplanation::compareCodePoints)
                .thenComparing(Event::eventId, ReferenceExplanation::compareCodePoints);
        List<Event> all = producers.values().stream().flatMap(Set::stream).distinct().sorted(contractOrder).toList();
        boolean truncated = all.size() > Explanation.MAX_EVIDENCE;
        List<Event> shown = truncated ? all.subList(all.size() - Explanation.MAX_EVIDENCE, all.size()) : all;

        Map<InstitutionId, String> masks = new HashMap<>();
        List<Evidence> evidence = new ArrayList<>();
        Map<Event, String> refs = new HashMap<>();
        for (Event event : shown) {
            String institution = event.institutionId().equals(asking) ? Evidence.OWN
                    : masks.computeIfAbsent(event.institutionId(), id -> Evidence.other(masks.size() + 1));
            String ref = "e" + (evidence.size() + 1);
            refs.put(event, ref);
            evidence.add(new Evidence(ref, event.type(), event.occurredAt(), event.reportedAt(), event.amount(),
                    event.overdueDays(), event.autoRepayment(), institution,
                    institution.equals(Evidence.OWN) ? event.eventId() : null));
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        producers.forEach((signal, set) -> lists.put(signal, set.stream().filter(refs::containsKey)
                .sorted(contractOrder).map(refs::get).toList()));
        return new Explanation(evidence, lists, truncated);
    }

    /** The events that produced one signal's value, by the list of §2.5. */
    static Set<Event> producersOf(List<Event> events, List<RetractedEvent> retractions, Instant asOf, Signal signal) {
        Long value = ReferenceCalculator.value(events, retractions, asOf, signal);
        List<Event> known = events.stream()
                .filter(e -> !e.occurredAt().isAfter(asOf) && !e.reportedAt().isAfter(asOf))
                .filter(e -> retractions.stream().noneMatch(r -> r.event().institutionId().equals(e.institutionId())
                        && r.event().eventId().equals(e.eventId()) && !r.retractedAt().isAfter(asOf)))
                .filter(e -> e.type() == signal.eventType())
                .toList();
        if (signal.metric() == Metric.DAYS_SINCE_LAST) {
            Comparator<Event> latest = Comparator.comparing(Event::occurredAt).thenComparing(Event::reportedAt)
                    .thenComparing(Event::eventId, ReferenceExplanation::compareCodePoints)
                    .thenComparing(e -> e.institutionId().value(), ReferenceExplanation::compareCodePoints);
            return known.stream().max(latest).map(Set::of).orElse(Set.of());
        }
        Instant windowStart = asOf.minus(Duration.ofDays(signal.window().orElseThrow().days()));
        List<Event> counted = known.stream().filter(e -> e.occurredAt().isAfter(windowStart)).toList();
        List<Event> producing = switch (signal.metric()) {
            case COUNT, INSTITUTION_COUNT -> counted;
            case AMOUNT -> signal.eventType().carriesBalance() ? latestWithAmountPerInstitution(counted)
                    : counted.stream().filter(e -> e.amount() != null).toList();
            case OVERDUE_DAYS -> counted.stream()
                    .filter(e -> e.type() == EventType.OVERDUE && e.overdueDays() != null && value != null
                            && e.overdueDays().longValue() == value).toList();
            case OVERDUE_AUTOREPAYMENT_DAYS -> counted.stream()
                    .filter(e -> Boolean.TRUE.equals(e.autoRepayment()) && e.overdueDays() != null && value != null
                            && e.overdueDays().longValue() == value).toList();
            case DAYS_SINCE_LAST -> throw new IllegalStateException("handled above");
        };
        return new LinkedHashSet<>(producing);
    }

    private static List<Event> latestWithAmountPerInstitution(List<Event> counted) {
        Comparator<Event> latestLast = Comparator.comparing(Event::occurredAt).thenComparing(Event::reportedAt)
                .thenComparing(Event::eventId, ReferenceExplanation::compareCodePoints);
        return counted.stream().filter(e -> e.amount() != null)
                .collect(Collectors.groupingBy(Event::institutionId))
                .values().stream().map(ofOne -> ofOne.stream().max(latestLast).orElseThrow())
                .filter(Objects::nonNull).toList();
    }

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}

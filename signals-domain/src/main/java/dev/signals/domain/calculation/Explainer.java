package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Explains values (CONTRACT §2.5): for a subject's events as the journal holds them, the values of the signals and,
 * by {@link SignalRule#eventsExplaining}, the events that produced each, so that the explanation comes from the
 * sentences of §3.2 that the values do. The values themselves come from the {@link SignalCalculator}, as for any
 * request; the tests hold the two to the same answers.
 *
 * <p>The evidence is every event named by some signal, in the contract's order (occurredAt, then reportedAt, then
 * institution and eventId), the latest {@link Explanation#MAX_EVIDENCE} of them; refs {@code e1}, {@code e2}, ... in
 * that order; institutions masked, {@code own} for the asking one, {@code other-1}, {@code other-2}, ... for the
 * others in order of their first event; only own events show their id.
 */
public final class Explainer {

    /** An explained calculation: the values, and why they are what they are. */
    public record Explained(CalculationResult result, Explanation explanation) {
    }

    private final SignalCalculator calculator;

    public Explainer(SignalCalculator calculator) {
        this.calculator = Objects.requireNonNull(calculator, "calculator");
    }

    /**
     * @param events      the subject's events, each institution's event ids unique
     * @param retractions of some of them
     * @param asking      the institution that asks, whose events are its own
     */
    public Explained explain(List<Event> events, List<RetractedEvent> retractions, Instant asOf, SignalSelection signals,
                             InstitutionId asking) {
        ListEventHistory history = new ListEventHistory(events, retractions);
        CalculationResult result = calculator.calculate(history, asOf, signals);
        if (!result.hasData()) {
            return new Explained(result, new Explanation(List.of(), Map.of(), false));
        }
        SignalRule rule = new SignalRule(history, asOf);
        Map<Signal, List<Integer>> producing = new LinkedHashMap<>();
        BitSet named = new BitSet(history.size());
        for (Signal signal : signals.signals()) {
            List<Integer> explaining = rule.eventsExplaining(signal);
            producing.put(signal, explaining);
            explaining.forEach(named::set);
        }
        Integer[] ordered = named.stream().boxed().toArray(Integer[]::new);
        Arrays.sort(ordered, (a, b) -> compareInContractOrder(history, a, b));
        boolean truncated = ordered.length > Explanation.MAX_EVIDENCE;
        int first = truncated ? ordered.length - Explanation.MAX_EVIDENCE : 0;

        int[] refOf = new int[history.size()];   // an event's position in the evidence from 1, 0 when not shown
        List<Evidence> evidence = new ArrayList<>(ordered.length - first);
        Map<InstitutionId, String> masks = new HashMap<>();
        for (int i : Arrays.asList(ordered).subList(first, ordered.length)) {
            Event event = history.event(i);
            boolean own = event.institutionId().equals(asking);
            String institution = own ? Evidence.OWN
                    : masks.computeIfAbsent(event.institutionId(), id -> Evidence.other(masks.size() + 1));
            refOf[i] = evidence.size() + 1;
            evidence.add(new Evidence("e" + refOf[i], event.type(), event.occurredAt(), event.reportedAt(), event.amount(),
                    event.overdueDays(), event.autoRepayment(), institution, own ? event.eventId() : null));
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        producing.forEach((signal, explaining) -> lists.put(signal.name(), refs(explaining, refOf, evidence)));
        return new Explained(result, new Explanation(evidence, lists, truncated));
    }

    /** The refs of the events, in evidence order, leaving out the ones not shown. */
    private static List<String> refs(List<Integer> events, int[] refOf, List<Evidence> evidence) {
        int[] refs = new int[events.size()];
        int n = 0;
        for (int i : events) {
            if (refOf[i] > 0) {
                refs[n++] = refOf[i];
            }
        }
        Arrays.sort(refs, 0, n);
        List<String> names = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            names.add(evidence.get(refs[k] - 1).ref());
        }
        return names;
    }

    /** "Ordered by occurredAt, then reportedAt, then institution and eventId" (institutions numbered in id order). */
    private static int compareInContractOrder(ListEventHistory history, int a, int b) {
        int order = Long.compare(history.occurredAtMicros(a), history.occurredAtMicros(b));
        if (order == 0) {
            order = Long.compare(history.reportedAtMicros(a), history.reportedAtMicros(b));
        }
        if (order == 0) {
            order = Integer.compare(history.institution(a), history.institution(b));
        }
        return order != 0 ? order : CodePointOrder.IDS.compare(history.eventId(a), history.eventId(b));
    }
}

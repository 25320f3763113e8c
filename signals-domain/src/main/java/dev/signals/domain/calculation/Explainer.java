package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
     * Explains the values of these events, as {@link #explain(EventHistory, Instant, SignalSelection, InstitutionId)}.
     *
     * @param events      the subject's events, each institution's event ids unique
     * @param retractions of some of them
     * @param asking      the institution that asks, whose events are its own
     */
    public Explained explain(List<Event> events, List<RetractedEvent> retractions, Instant asOf, SignalSelection signals,
                             InstitutionId asking) {
        return explain(new ListEventHistory(events, retractions), asOf, signals, asking);
    }

    /**
     * Explains the values of a subject's history. The history must give the id of every event of the institutions
     * {@link #institutionsWhoseIdsAreRead} names; no other id is read.
     *
     * @param asking the institution that asks, whose events are its own
     */
    public Explained explain(EventHistory history, Instant asOf, SignalSelection signals, InstitutionId asking) {
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
            InstitutionId institutionId = history.institutionId(i);
            boolean own = institutionId.equals(asking);
            String institution = own ? Evidence.OWN
                    : masks.computeIfAbsent(institutionId, id -> Evidence.other(masks.size() + 1));
            refOf[i] = evidence.size() + 1;
            evidence.add(new Evidence("e" + refOf[i], history.type(i), Micros.toInstant(history.occurredAtMicros(i)),
                    Micros.toInstant(history.reportedAtMicros(i)),
                    history.hasAmount(i) ? BigDecimal.valueOf(history.amountCents(i), 2) : null,
                    history.hasOverdueDays(i) ? history.overdueDays(i) : null,
                    history.hasAutoRepayment(i) ? history.autoRepayment(i) : null,
                    institution, own ? history.eventId(i) : null));
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        producing.forEach((signal, explaining) -> lists.put(signal.name(), refs(explaining, refOf, evidence)));
        return new Explained(result, new Explanation(evidence, lists, truncated));
    }

    /**
     * The institutions whose event ids {@link #explain} may read in this history: the asking institution's, which
     * the evidence shows, and those of every event that occurred and was reported at the same instants as another
     * (the contract breaks such ties by event id); only institutions with events in the history. A history that
     * keeps few ids (the index) gives these and no more.
     */
    public static Set<InstitutionId> institutionsWhoseIdsAreRead(EventHistory history, InstitutionId asking) {
        Set<InstitutionId> institutions = new HashSet<>();
        int n = history.size();
        long[][] instants = new long[n][];
        for (int i = 0; i < n; i++) {
            instants[i] = new long[] {history.occurredAtMicros(i), history.reportedAtMicros(i), i};
            if (institutions.isEmpty() && history.institutionId(i).equals(asking)) {
                institutions.add(asking);
            }
        }
        Arrays.sort(instants, Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        for (int k = 1; k < n; k++) {
            if (instants[k][0] == instants[k - 1][0] && instants[k][1] == instants[k - 1][1]) {
                institutions.add(history.institutionId((int) instants[k][2]));
                institutions.add(history.institutionId((int) instants[k - 1][2]));
            }
        }
        return institutions;
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

    /** "Ordered by occurredAt, then reportedAt, then institution and eventId", ids by code points. */
    private static int compareInContractOrder(EventHistory history, int a, int b) {
        int order = Long.compare(history.occurredAtMicros(a), history.occurredAtMicros(b));
        if (order == 0) {
            order = Long.compare(history.reportedAtMicros(a), history.reportedAtMicros(b));
        }
        if (order == 0 && history.institution(a) != history.institution(b)) {
            order = CodePointOrder.IDS.compare(history.institutionId(a).value(), history.institutionId(b).value());
        }
        return order != 0 ? order : CodePointOrder.IDS.compare(history.eventId(a), history.eventId(b));
    }
}

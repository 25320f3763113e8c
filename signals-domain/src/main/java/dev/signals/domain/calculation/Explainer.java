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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Explains values (CONTRACT §2.5): for a subject's history, the values of the signals and, by {@link KnownEvents},
 * the events that produced each, as the sentences of §3.2 that make the values say. The values themselves come from
 * the {@link SignalCalculator}, as for any request; the tests hold the two to the same answers, and the events to
 * those {@link SignalRule#eventsExplaining} names.
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
        long asOfMicros = Micros.of(asOf);
        KnownEvents known = new KnownEvents(history, asOfMicros);
        List<Signal> chosen = signals.signals();
        int[][] producing = new int[chosen.size()][];
        boolean[] named = new boolean[known.size()];
        int namedCount = 0;
        for (int s = 0; s < producing.length; s++) {
            producing[s] = known.explaining(chosen.get(s), asOfMicros);
            for (int position : producing[s]) {
                if (!named[position]) {
                    named[position] = true;
                    namedCount++;
                }
            }
        }
        boolean truncated = namedCount > Explanation.MAX_EVIDENCE;
        int skipped = truncated ? namedCount - Explanation.MAX_EVIDENCE : 0;

        int[] refOf = new int[known.size()];   // a position's ref number in the evidence (e1 is 1), 0 when not shown
        List<Evidence> evidence = new ArrayList<>(namedCount - skipped);
        Map<InstitutionId, String> masks = new HashMap<>();
        for (int position = 0, seen = 0; position < named.length; position++) {
            if (!named[position] || seen++ < skipped) {
                continue;
            }
            int i = known.event(position);
            InstitutionId institutionId = history.institutionId(i);
            boolean own = institutionId.equals(asking);
            String institution = own ? Evidence.OWN
                    : masks.computeIfAbsent(institutionId, id -> Evidence.other(masks.size() + 1));
            refOf[position] = evidence.size() + 1;
            evidence.add(new Evidence("e" + refOf[position], history.type(i), Micros.toInstant(history.occurredAtMicros(i)),
                    Micros.toInstant(history.reportedAtMicros(i)),
                    history.hasAmount(i) ? BigDecimal.valueOf(history.amountCents(i), 2) : null,
                    history.hasOverdueDays(i) ? history.overdueDays(i) : null,
                    history.hasAutoRepayment(i) ? history.autoRepayment(i) : null,
                    institution, own ? history.eventId(i) : null));
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (int s = 0; s < producing.length; s++) {
            lists.put(chosen.get(s).name(), refs(producing[s], refOf, evidence));
        }
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
        long[] occurred = new long[n];
        for (int i = 0; i < n; i++) {
            occurred[i] = history.occurredAtMicros(i);
            if (institutions.isEmpty() && history.institutionId(i).equals(asking)) {
                institutions.add(asking);
            }
        }
        // Events at the same instants occurred at the same instant: look among those only, usually none.
        long[] sorted = occurred.clone();
        Arrays.sort(sorted);
        Set<Long> shared = new HashSet<>();
        for (int k = 1; k < n; k++) {
            if (sorted[k] == sorted[k - 1]) {
                shared.add(sorted[k]);
            }
        }
        if (shared.isEmpty()) {
            return institutions;
        }
        Map<List<Long>, Integer> firstAt = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (shared.contains(occurred[i])) {
                Integer other = firstAt.putIfAbsent(List.of(occurred[i], history.reportedAtMicros(i)), i);
                if (other != null) {
                    institutions.add(history.institutionId(i));
                    institutions.add(history.institutionId(other));
                }
            }
        }
        return institutions;
    }

    /** The refs of the events at these positions (ascending), leaving out the ones not shown. */
    private static List<String> refs(int[] positions, int[] refOf, List<Evidence> evidence) {
        List<String> names = new ArrayList<>(positions.length);
        for (int position : positions) {
            if (refOf[position] > 0) {
                names.add(evidence.get(refOf[position] - 1).ref());
            }
        }
        return names;
    }
}

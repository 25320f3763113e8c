package dev.signals.domain.calculation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.Explainer.Explained;
import dev.signals.domain.calculation.RandomHistories.Scenario;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;
import dev.signals.domain.subject.PhoneNumber;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * Explanations (CONTRACT §2.5) on random histories with random retractions: equal to the naive
 * {@link ReferenceExplanation}, and each value recomputed from its listed evidence alone, as a credit
 * officer would from what the answer shows, is the value.
 */
class ExplainerPropertyTest {

    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();
    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");

    private final Explainer explainer = new Explainer(new SignalCalculator());

    @Property(tries = 1000)
    void anExplanationIsTheReferencesAndEveryValueFollowsFromItsEvidence(@ForAll("scenarios") Scenario scenario,
                                                                          @ForAll long seed) {
        check(scenario, new Random(seed));
    }

    @Property(tries = 500)
    void soOnCrowdedBalancesWithTiesForTheLatest(@ForAll("crowded") Scenario scenario, @ForAll long seed) {
        check(scenario, new Random(seed));
    }

    @Property(tries = 200)
    void soWithManyInstitutions(@ForAll("manyInstitutions") Scenario scenario, @ForAll long seed) {
        check(scenario, new Random(seed));
    }

    private void check(Scenario scenario, Random random) {
        List<RetractedEvent> retractions = new ArrayList<>();
        for (Event event : scenario.events()) {
            if (random.nextInt(4) == 0) {
                Duration offset = Duration.ofDays(random.nextInt(3) - 1);
                retractions.add(new RetractedEvent(event, scenario.asOf().plus(offset).truncatedTo(ChronoUnit.MICROS)));
            }
        }
        InstitutionId asking = scenario.events().isEmpty() || random.nextInt(3) == 0 ? new InstitutionId("asker")
                : scenario.events().get(random.nextInt(scenario.events().size())).institutionId();

        Explained explained = explainer.explain(scenario.events(), retractions, scenario.asOf(), CATALOGUE.allSignals(), asking);

        Explanation expected = ReferenceExplanation.explain(scenario.events(), retractions, scenario.asOf(), CATALOGUE.all(), asking);
        assertThat(explained.explanation()).isEqualTo(expected);
        assertThat(explained.result().hasData()).isEqualTo(ReferenceCalculator.hasData(scenario.events(), retractions, scenario.asOf()));
        if (explained.result().hasData()) {
            assertEveryValueFollowsFromItsEvidence(explained, scenario.asOf());
        }
        assertThat(explainedAsTheIndexKeepsIt(scenario, retractions, asking)).isEqualTo(explained);
        assertTheEventsOfEachSignalAreThoseTheRuleNames(EventHistory.of(scenario.events(), retractions), scenario.asOf());
    }

    /** {@link KnownEvents}, sorted once, finds for every signal the events {@link SignalRule}'s sentences name. */
    private static void assertTheEventsOfEachSignalAreThoseTheRuleNames(EventHistory history, Instant asOf) {
        SignalRule rule = new SignalRule(history, asOf);
        KnownEvents known = new KnownEvents(history, Micros.of(asOf));
        for (Signal signal : CATALOGUE.all()) {
            List<Integer> found = java.util.Arrays.stream(known.explaining(signal, Micros.of(asOf))).map(known::event).boxed().toList();
            assertThat(found).as(signal.name()).containsExactlyInAnyOrderElementsOf(rule.eventsExplaining(signal));
        }
    }

    /**
     * The same explanation from a history that keeps what the index keeps (the ids of balances only, institutions
     * numbered in no particular order), given the ids of the institutions {@link Explainer#institutionsWhoseIdsAreRead}
     * names from their records alone.
     */
    private Explained explainedAsTheIndexKeepsIt(Scenario scenario, List<RetractedEvent> retractions, InstitutionId asking) {
        EventHistory indexed = new BalanceIdsOnly(new ReversedInstitutions(EventHistory.of(scenario.events(), retractions)));
        Set<InstitutionId> read = Explainer.institutionsWhoseIdsAreRead(indexed, asking);
        List<Event> records = scenario.events().stream().filter(event -> read.contains(event.institutionId())).toList();
        List<RetractedEvent> recordRetractions = retractions.stream()
                .filter(retraction -> read.contains(retraction.event().institutionId())).toList();
        return explainer.explain(IdentifiedHistory.of(indexed, records, recordRetractions), scenario.asOf(),
                CATALOGUE.allSignals(), asking);
    }

    /** Institutions numbered against the order of their ids, as an index that numbers them on arrival may. */
    private record ReversedInstitutions(EventHistory history) implements ForwardingHistory {

        @Override
        public int institution(int i) {
            return -history.institution(i);
        }
    }

    @Example
    void moreThanAThousandEventsShowTheLatestThousandAndSaySo() {
        Instant asOf = Instant.parse("2024-08-09T00:00:00Z");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            events.add(new Event("r-" + i, new InstitutionId(i % 2 == 0 ? "asker" : "lender-" + i % 7),
                    EventType.REPAYMENT_REMINDER, PHONE, null, asOf.minusSeconds(60L * (i + 1)), asOf.minusSeconds(60L * (i + 1)),
                    new BigDecimal("10.00"), null, null));
        }

        Explained explained = explainer.explain(events, List.of(), asOf, CATALOGUE.allSignals(), new InstitutionId("asker"));

        Explanation explanation = explained.explanation();
        assertThat(explanation.truncated()).isTrue();
        assertThat(explanation.evidence()).hasSize(Explanation.MAX_EVIDENCE);
        assertThat(explanation.evidence().get(0).occurredAt()).isEqualTo(asOf.minusSeconds(60L * 1_000));
        assertThat(explanation.refs().get("events_repayment_reminder_day30")).hasSize(Explanation.MAX_EVIDENCE);
        assertThat(explained.result().valueOf(CATALOGUE.byName("events_repayment_reminder_day30"))).isEqualTo(1_200);
        assertThat(explanation).isEqualTo(ReferenceExplanation.explain(events, List.of(), asOf, CATALOGUE.all(),
                new InstitutionId("asker")));
    }

    @Example
    void anotherInstitutionsEventIdIsNeverShownAndInstitutionsAreMaskedInOrderOfTheirFirstEvent() {
        Instant asOf = Instant.parse("2024-08-09T00:00:00Z");
        List<Event> events = List.of(
                event("zeta", "z-1", asOf.minusSeconds(300)),
                event("asker", "mine", asOf.minusSeconds(200)),
                event("alpha", "a-1", asOf.minusSeconds(100)),
                event("zeta", "z-2", asOf.minusSeconds(50)));

        Explanation explanation = explainer.explain(events, List.of(), asOf, CATALOGUE.allSignals(),
                new InstitutionId("asker")).explanation();

        assertThat(explanation.evidence()).extracting(Evidence::institution)
                .containsExactly("other-1", "own", "other-2", "other-1");
        assertThat(explanation.evidence()).extracting(Evidence::eventId).containsExactly(null, "mine", null, null);
        assertThat(explanation.refs().get("events_loan_disbursement_day30")).containsExactly("e1", "e2", "e3", "e4");
        assertThat(explanation.refs().get("events_loan_disbursement_days_since_last")).containsExactly("e4");
        assertThat(explanation.refs().get("events_overdue_day30")).isEmpty();
    }

    private static Event event(String institution, String id, Instant occurredAt) {
        return new Event(id, new InstitutionId(institution), EventType.LOAN_DISBURSEMENT, PHONE, null, occurredAt, occurredAt,
                new BigDecimal("100.00"), null, null);
    }

    /**
     * Each signal's value is the reference's value of the events its list names, read from the evidence alone (their
     * masked institutions standing for the real ones, their refs for their ids).
     */
    private static void assertEveryValueFollowsFromItsEvidence(Explained explained, Instant asOf) {
        Map<String, Event> shown = new HashMap<>();
        for (Evidence evidence : explained.explanation().evidence()) {
            shown.put(evidence.ref(), new Event(evidence.ref(), new InstitutionId(evidence.institution()), evidence.type(),
                    PHONE, null, evidence.occurredAt(), evidence.reportedAt(), evidence.amount(), evidence.overdueDays(),
                    evidence.autoRepayment()));
        }
        Map<String, Long> recomputed = new LinkedHashMap<>();
        Map<String, Long> answered = new LinkedHashMap<>();
        for (SignalValue value : explained.result().values()) {
            Signal signal = value.signal();
            List<Event> listed = explained.explanation().refs().get(signal.name()).stream().map(shown::get).toList();
            recomputed.put(signal.name(), ReferenceCalculator.value(listed, asOf, signal));
            answered.put(signal.name(), value.value());
        }
        assertThat(recomputed).isEqualTo(answered);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return RandomHistories.scenarios();
    }

    @Provide
    Arbitrary<Scenario> crowded() {
        return RandomHistories.crowdedBalanceScenarios();
    }

    @Provide
    Arbitrary<Scenario> manyInstitutions() {
        return RandomHistories.manyInstitutionScenarios();
    }
}

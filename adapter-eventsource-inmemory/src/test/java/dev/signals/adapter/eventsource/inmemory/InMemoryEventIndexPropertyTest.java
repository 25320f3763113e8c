package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Explainer;
import dev.signals.domain.calculation.Explainer.Explained;
import dev.signals.domain.calculation.IdentifiedHistory;
import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.SubjectKeys;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index is only a different storage of the same events: for random histories, every signal computed
 * from the index equals the one computed from the events as a list, under each of the subject's keys.
 */
class InMemoryEventIndexPropertyTest {

    private static final SignalSelection ALL = SignalCatalogue.standard().allSignals();
    private final SignalCalculator calculator = new SignalCalculator();

    @Property(tries = 400)
    void theIndexCalculatesExactlyLikeTheListOfEvents(@ForAll("scenarios") RandomHistories.Scenario scenario) {
        InMemoryEventIndex index = new InMemoryEventIndex();
        int half = scenario.events().size() / 2;
        index.addAll(scenario.events().subList(0, half));
        index.addAll(scenario.events().subList(half, scenario.events().size()));

        CalculationResult expected = calculator.calculate(EventHistory.of(scenario.events()), scenario.asOf(), ALL);
        for (String key : subjectKeys(scenario.events())) {
            CalculationResult actual = calculator.calculate(index.eventsOf(SubjectKeys.subjectOf(key)), scenario.asOf(), ALL);
            assertThat(actual).as("under %s", key).isEqualTo(expected);
        }
        assertThat(index.size()).isEqualTo(scenario.events().size());
    }

    /**
     * The index keeps every field an explanation shows (CONTRACT §2.5), autoRepayment {@code false} apart from none
     * and institutions by id: given the records of the institutions whose ids it reads, each institution asking
     * gets from the index the explanation the list of events gives.
     */
    @Property(tries = 200)
    void theIndexExplainsExactlyLikeTheListOfEvents(@ForAll("scenarios") RandomHistories.Scenario scenario) {
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(scenario.events());
        Explainer explainer = new Explainer(calculator);
        List<InstitutionId> askers = scenario.events().stream().map(Event::institutionId).distinct().limit(3).toList();
        for (InstitutionId asking : askers) {
            Explained expected = explainer.explain(scenario.events(), List.of(), scenario.asOf(), ALL, asking);
            for (String key : subjectKeys(scenario.events())) {
                EventHistory indexed = index.eventsOf(SubjectKeys.subjectOf(key));
                Set<InstitutionId> read = Explainer.institutionsWhoseIdsAreRead(indexed, asking);
                List<Event> records = scenario.events().stream().filter(event -> read.contains(event.institutionId())).toList();
                Explained actual = explainer.explain(IdentifiedHistory.of(indexed, records, List.of()), scenario.asOf(), ALL, asking);
                assertThat(actual).as("under %s asked by %s", key, asking).isEqualTo(expected);
            }
        }
    }

    @Provide
    Arbitrary<RandomHistories.Scenario> scenarios() {
        return RandomHistories.scenarios();
    }

    private static List<String> subjectKeys(List<Event> events) {
        return events.isEmpty() || events.get(0).phone() == null ? List.of()
                : SubjectKeys.keysOf(events.get(0).phone());
    }
}

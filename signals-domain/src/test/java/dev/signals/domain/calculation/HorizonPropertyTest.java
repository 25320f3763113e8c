package dev.signals.domain.calculation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signals.domain.calculation.RandomHistories.Scenario;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 18: a history that holds, of the events before its horizon, only what {@link Horizon#holding} names (and maybe
 * a few more), after one move of its horizon or two, answers as all of the subject's events do whenever
 * {@link Horizon#answersExactly} says so; and says so for every asOf at least 180 days after the horizon when nothing
 * was retracted, occurred or reported after asOf.
 */
class HorizonPropertyTest {

    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();
    private static final long DAY = Micros.DAY;

    private final SignalCalculator calculator = new SignalCalculator();

    @Property(tries = 2000)
    void aHistoryCutAtItsHorizonAnswersAsAllEventsWheneverItSaysItDoes(@ForAll("scenarios") Scenario scenario,
                                                                       @ForAll("horizonAges") long horizonAge, @ForAll long seed) {
        Random random = new Random(seed);
        long asOf = Micros.of(scenario.asOf());
        List<RetractedEvent> retractions = randomRetractions(scenario, random);
        EventHistory all = EventHistory.of(scenario.events(), retractions);

        // A first horizon some days earlier, then this one, as a node's moves while it runs; now and then an event that
        // need not be held is (one that came after the first move, say).
        EventHistory first = cut(all, Horizon.at(asOf - horizonAge - random.nextInt(60) * DAY), scenario, retractions, random);
        EventHistory cut = cut(first, Horizon.at(asOf - horizonAge), scenario, retractions, random);

        boolean exact = cut.horizon().answersExactly(cut, asOf);
        Statistics.label("answers exactly").collect(exact);
        Statistics.label("events left out").collect(cut.size() < scenario.events().size());
        Statistics.label("types let go").collect(cut.horizon().typesLetGo() != 0);
        if (exact) {
            assertThat(valuesOf(cut, scenario)).as("values of the cut history")
                    .containsExactlyEntriesOf(valuesOf(all, scenario));
            assertThat(calculator.calculate(cut, scenario.asOf(), CATALOGUE.allSignals()).hasData())
                    .isEqualTo(calculator.calculate(all, scenario.asOf(), CATALOGUE.allSignals()).hasData());
        }
        // An event that occurred after asOf may be the only one of its type after the horizon, its type's older events let
        // go: then "days since last" at asOf needs those, and the history rightly says it cannot answer.
        if (horizonAge >= 180 * DAY && retractions.isEmpty() && scenario.events().stream()
                .allMatch(e -> !e.reportedAt().isAfter(scenario.asOf()) && !e.occurredAt().isAfter(scenario.asOf()))) {
            assertThat(exact).as("nothing retracted, occurred or reported after asOf, every window after the horizon").isTrue();
        }
        if (horizonAge < 180 * DAY) {
            assertThat(exact).as("a window reaches before the horizon").isFalse();
        }
    }

    /** What {@code horizon} holds of {@code history}, and one in five of the scenario's other events. */
    private static EventHistory cut(EventHistory history, Horizon horizon, Scenario scenario, List<RetractedEvent> retractions,
                                    Random random) {
        Horizon.Holding holding = horizon.holding(history);
        List<Event> held = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            if (holding.held()[i]) {
                held.add(eventOf(history, i, scenario));
            }
        }
        for (Event event : scenario.events()) {
            if (!held.contains(event) && random.nextInt(5) == 0) {
                held.add(event);
            }
        }
        List<RetractedEvent> heldRetractions = retractions.stream().filter(r -> held.contains(r.event())).toList();
        return new WithHorizon(EventHistory.of(held, heldRetractions), holding.horizon());
    }

    /** The scenario's event at {@code i} of a history made of some of them (ids are unique in a scenario). */
    private static Event eventOf(EventHistory history, int i, Scenario scenario) {
        return scenario.events().stream().filter(e -> e.eventId().equals(history.eventId(i))
                && e.institutionId().equals(history.institutionId(i))).findFirst().orElseThrow();
    }

    @Property(tries = 200)
    void noHorizonHoldsEverythingAndAnswersAlways(@ForAll("scenarios") Scenario scenario) {
        EventHistory all = EventHistory.of(scenario.events());

        assertThat(Horizon.NONE.holding(all).held()).doesNotContain(false);
        assertThat(Horizon.NONE.answersExactly(all, Micros.of(scenario.asOf()))).isTrue();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return RandomHistories.scenarios();
    }

    /** How long before asOf the horizon lies: at and around the longest window, a little and much more. */
    @Provide
    Arbitrary<Long> horizonAges() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(180 * DAY, 180 * DAY + 1, 180 * DAY - 1, 181 * DAY, 200 * DAY, 210 * DAY)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(180 * DAY, 420 * DAY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 180 * DAY - 1)));
    }

    private Map<String, Long> valuesOf(EventHistory history, Scenario scenario) {
        Map<String, Long> values = new LinkedHashMap<>();
        calculator.calculate(history, scenario.asOf(), CATALOGUE.allSignals()).values()
                .forEach(v -> values.put(v.signal().name(), v.value()));
        return values;
    }

    /** About a third of the events, retracted a year or a day before asOf, at it, or after it. */
    private static List<RetractedEvent> randomRetractions(Scenario scenario, Random random) {
        List<RetractedEvent> retractions = new ArrayList<>();
        for (Event event : scenario.events()) {
            if (random.nextInt(3) == 0) {
                Duration offset = switch (random.nextInt(4)) {
                    case 0 -> Duration.ofDays(-365);
                    case 1 -> Duration.ofDays(-1);
                    case 2 -> Duration.ZERO;
                    default -> Duration.ofSeconds(1);
                };
                retractions.add(new RetractedEvent(event, scenario.asOf().plus(offset)));
            }
        }
        return retractions;
    }

    /** A history given a horizon. */
    private record WithHorizon(EventHistory history, Horizon horizon) implements ForwardingHistory {
    }
}

package dev.signals.domain.calculation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signals.domain.calculation.RandomHistories.Scenario;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * CONTRACT §3.2 with §4.1: an event retracted at or before T is not known at T, one retracted after T still is.
 * The single pass and the rule agree with the naive reference on random histories with random retractions, some
 * just before, at and just after T.
 */
class RetractionCalculationPropertyTest {

    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();

    private final SignalCalculator calculator = new SignalCalculator();

    @Property(tries = 1500)
    void aRetractedEventCountsOnlyBeforeItsRetraction(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        List<RetractedEvent> retractions = randomRetractions(scenario, new Random(seed));
        Statistics.label("retracted at or before asOf").collect(retractions.stream()
                .anyMatch(r -> !r.retractedAt().isAfter(scenario.asOf())));
        Statistics.label("retracted after asOf").collect(retractions.stream()
                .anyMatch(r -> r.retractedAt().isAfter(scenario.asOf())));

        EventHistory history = EventHistory.of(scenario.events(), retractions);
        CalculationResult result = calculator.calculate(history, scenario.asOf(), CATALOGUE.allSignals());
        SignalRule rule = new SignalRule(history, scenario.asOf());

        Map<String, Long> expected = ReferenceCalculator.values(scenario.events(), retractions, scenario.asOf(), CATALOGUE.all());
        Map<String, Long> actual = new LinkedHashMap<>();
        Map<String, Long> ruled = new LinkedHashMap<>();
        result.values().forEach(v -> actual.put(v.signal().name(), v.value()));
        CATALOGUE.all().forEach(signal -> ruled.put(signal.name(), rule.valueOf(signal)));
        assertThat(actual).as("the single pass").containsExactlyEntriesOf(expected);
        assertThat(ruled).as("the rule").containsExactlyEntriesOf(expected);
        boolean hasData = ReferenceCalculator.hasData(scenario.events(), retractions, scenario.asOf());
        assertThat(result.hasData()).isEqualTo(hasData);
        assertThat(rule.hasData()).isEqualTo(hasData);
    }

    @Property(tries = 300)
    void retractingEverythingBeforeAsOfLeavesNoData(@ForAll("scenarios") Scenario scenario) {
        List<RetractedEvent> all = scenario.events().stream()
                .map(event -> new RetractedEvent(event, scenario.asOf().truncatedTo(ChronoUnit.MICROS))).toList();

        CalculationResult result = calculator.calculate(EventHistory.of(scenario.events(), all), scenario.asOf(),
                CATALOGUE.allSignals());

        assertThat(result.hasData()).isFalse();
        assertThat(result.values()).allSatisfy(value -> assertThat(value.value()).isIn(0L, null));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return RandomHistories.scenarios();
    }

    /** About a third of the events, retracted a day before, a microsecond before, at, or just after asOf. */
    private static List<RetractedEvent> randomRetractions(Scenario scenario, Random random) {
        List<RetractedEvent> retractions = new ArrayList<>();
        for (Event event : scenario.events()) {
            if (random.nextInt(3) == 0) {
                Duration offset = switch (random.nextInt(4)) {
                    case 0 -> Duration.ofDays(-1);
                    case 1 -> Duration.ofNanos(-1000);
                    case 2 -> Duration.ZERO;
                    default -> Duration.ofNanos(1000);
                };
                // the server commits at whole microseconds
                retractions.add(new RetractedEvent(event, scenario.asOf().plus(offset).truncatedTo(ChronoUnit.MICROS)));
            }
        }
        return retractions;
    }
}

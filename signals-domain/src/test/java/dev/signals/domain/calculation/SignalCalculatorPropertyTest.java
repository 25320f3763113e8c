package dev.signals.domain.calculation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signals.domain.calculation.RandomHistories.Scenario;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The single-pass {@link SignalCalculator} and the sentence-by-sentence {@link SignalRule} agree
 * with the naive {@link ReferenceCalculator}, which shares nothing with either, on all 108 signals
 * for thousands of random histories and instants; and with each other on histories no list of
 * valid events can make (institutions numbered by any int, amounts up to a long of cents, ids of
 * balances only).
 */
class SignalCalculatorPropertyTest {

    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();

    private final SignalCalculator calculator = new SignalCalculator();

    @Property(tries = 3000)
    void singlePassAgreesWithTheNaiveReferenceOnAll108Signals(@ForAll("scenarios") Scenario scenario) {
        recordEdges(scenario);

        assertAgreement(scenario);
    }

    @Property(tries = 1500)
    void agreesOnCrowdedBalancesWithTiesForTheLatest(@ForAll("crowded") Scenario scenario) {
        Statistics.label("latest balance tied on occurredAt and reportedAt").collect(hasBalanceTie(scenario))
                .coverage(c -> c.check(true).percentage(p -> p > 10));

        assertAgreement(scenario);
    }

    @Property(tries = 1000)
    void theRuleAgreesWithTheNaiveReferenceOnAll108Signals(@ForAll("scenarios") Scenario scenario) {
        SignalRule rule = new SignalRule(EventHistory.of(scenario.events()), scenario.asOf());

        Map<String, Long> actual = new LinkedHashMap<>();
        CATALOGUE.all().forEach(signal -> actual.put(signal.name(), rule.valueOf(signal)));
        assertThat(actual).containsExactlyEntriesOf(
                ReferenceCalculator.values(scenario.events(), scenario.asOf(), CATALOGUE.all()));
        assertThat(rule.hasData()).isEqualTo(ReferenceCalculator.hasData(scenario.events(), scenario.asOf()));
    }

    @Property(tries = 300)
    void theSinglePassAgreesWithTheRuleOnAnyNumbersAnyAmountsAndBalanceIdsOnly(
            @ForAll("manyInstitutions") Scenario scenario, @ForAll int multiplier, @ForAll int offset,
            @ForAll("cents") long cents) {
        EventHistory history = new BalanceIdsOnly(new LargeAmounts(
                new RenumberedInstitutions(EventHistory.of(scenario.events()), multiplier | 1, offset), cents));
        SignalRule rule = new SignalRule(history, scenario.asOf());

        for (Signal signal : CATALOGUE.all()) {
            SignalSelection one = SignalSelection.of(List.of(signal));
            Object expected = valueOrFailure(() -> rule.valueOf(signal));
            Object actual = valueOrFailure(() -> calculator.calculate(history, scenario.asOf(), one).valueOf(signal));
            assertThat(actual).as(signal.name()).isEqualTo(expected);
        }
    }

    @Property(tries = 300)
    void anyDistinctIntsMayNumberTheInstitutions(@ForAll("manyInstitutions") Scenario scenario,
                                                 @ForAll int multiplier, @ForAll int offset) {
        EventHistory history = new RenumberedInstitutions(EventHistory.of(scenario.events()), multiplier | 1, offset);

        CalculationResult result = calculator.calculate(history, scenario.asOf(), CATALOGUE.allSignals());

        Map<String, Long> actual = new LinkedHashMap<>();
        result.values().forEach(v -> actual.put(v.signal().name(), v.value()));
        assertThat(actual).containsExactlyEntriesOf(
                ReferenceCalculator.values(scenario.events(), scenario.asOf(), CATALOGUE.all()));
    }

    @Property(tries = 500)
    void theOrderOfEventsDoesNotMatter(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        List<Event> shuffled = new ArrayList<>(scenario.events());
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(calculate(new Scenario(shuffled, scenario.asOf()), CATALOGUE.allSignals()))
                .isEqualTo(calculate(scenario, CATALOGUE.allSignals()));
    }

    @Property(tries = 500)
    void aSelectionGetsTheSameValuesAsTheWholeCatalogue(@ForAll("scenarios") Scenario scenario,
                                                        @ForAll("selections") SignalSelection selection) {
        CalculationResult all = calculate(scenario, CATALOGUE.allSignals());

        CalculationResult selected = calculate(scenario, selection);

        assertThat(selected.hasData()).isEqualTo(all.hasData());
        assertThat(selected.signals()).isEqualTo(selection.signals());
        for (SignalValue value : selected.values()) {
            assertThat(value.value()).as(value.signal().name()).isEqualTo(all.valueOf(value.signal()));
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return RandomHistories.scenarios();
    }

    @Provide
    Arbitrary<Scenario> manyInstitutions() {
        return RandomHistories.manyInstitutionScenarios();
    }

    @Provide
    Arbitrary<Scenario> crowded() {
        return RandomHistories.crowdedBalanceScenarios();
    }

    @Provide
    Arbitrary<Long> cents() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs().between(0, 1_000)),
                Tuple.of(1, Arbitraries.longs().between(Long.MAX_VALUE / 100, Long.MAX_VALUE)));
    }

    @Provide
    Arbitrary<SignalSelection> selections() {
        return Arbitraries.of(CATALOGUE.all()).set().ofMinSize(1).ofMaxSize(20).map(SignalSelection::of);
    }

    private CalculationResult calculate(Scenario scenario, SignalSelection selection) {
        return calculator.calculate(EventHistory.of(scenario.events()), scenario.asOf(), selection);
    }

    private void assertAgreement(Scenario scenario) {
        CalculationResult result = calculate(scenario, CATALOGUE.allSignals());

        Map<String, Long> actual = new LinkedHashMap<>();
        result.values().forEach(v -> actual.put(v.signal().name(), v.value()));
        Map<String, Long> expected = ReferenceCalculator.values(scenario.events(), scenario.asOf(), CATALOGUE.all());
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(result.hasData()).isEqualTo(ReferenceCalculator.hasData(scenario.events(), scenario.asOf()));
    }

    /** Makes the run fail if the generators stop producing the edges the rules turn on. */
    private static void recordEdges(Scenario scenario) {
        long asOf = Micros.of(scenario.asOf());
        boolean onBound = false;
        boolean reportedAfterAsOf = false;
        boolean occurredAfterAsOf = false;
        boolean sharedInstant = false;
        List<Long> instants = new ArrayList<>();
        for (Event event : scenario.events()) {
            long age = asOf - Micros.of(event.occurredAt());
            onBound |= age == 30 * Micros.DAY || age == 90 * Micros.DAY || age == 180 * Micros.DAY;
            reportedAfterAsOf |= event.reportedAt().isAfter(scenario.asOf());
            occurredAfterAsOf |= event.occurredAt().isAfter(scenario.asOf());
            sharedInstant |= instants.contains(age);
            instants.add(age);
        }
        Statistics.label("event exactly on a window bound").collect(onBound)
                .coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("event reported after asOf").collect(reportedAfterAsOf)
                .coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("event occurred after asOf").collect(occurredAfterAsOf)
                .coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("two events at the same instant").collect(sharedInstant)
                .coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("latest balance tied on occurredAt and reportedAt").collect(hasBalanceTie(scenario))
                .coverage(c -> c.check(true).percentage(p -> p > 0.3));
        Statistics.label("asOf below the microsecond").collect(scenario.asOf().getNano() % 1000 != 0)
                .coverage(c -> c.check(true).percentage(p -> p > 5));
        Statistics.label("no event known").collect(!ReferenceCalculator.hasData(scenario.events(), scenario.asOf()))
                .coverage(c -> c.check(true).percentage(p -> p > 2));
    }

    private static boolean hasBalanceTie(Scenario scenario) {
        List<Event> events = scenario.events();
        for (int i = 0; i < events.size(); i++) {
            for (int j = i + 1; j < events.size(); j++) {
                Event a = events.get(i);
                Event b = events.get(j);
                if (a.type() == b.type() && a.type().carriesBalance() && a.amount() != null && b.amount() != null
                        && a.institutionId().equals(b.institutionId()) && a.occurredAt().equals(b.occurredAt())
                        && a.reportedAt().equals(b.reportedAt()) && !a.reportedAt().isAfter(scenario.asOf())) {
                    return true;
                }
            }
        }
        return false;
    }


    private static Object valueOrFailure(Supplier<Long> value) {
        try {
            return Optional.ofNullable(value.get());
        } catch (ArithmeticException e) {
            return ArithmeticException.class;
        }
    }

    /** A history whose event i carries {@code cents - i} cents (at least 0) where it carries an amount. */
    private record LargeAmounts(EventHistory history, long cents) implements ForwardingHistory {

        @Override
        public long amountCents(int i) {
            history.amountCents(i);
            return Math.max(0, cents - i);
        }
    }

    /**
     * A history whose institutions are numbered {@code n * multiplier + offset} (a bijection on
     * ints for an odd multiplier): negative, large and sparse numbers, as an index may use.
     */
    private record RenumberedInstitutions(EventHistory history, int multiplier, int offset) implements ForwardingHistory {

        @Override
        public int institution(int i) {
            return history.institution(i) * multiplier + offset;
        }
    }
}

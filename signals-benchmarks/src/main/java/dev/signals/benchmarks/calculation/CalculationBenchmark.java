package dev.signals.benchmarks.calculation;

import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Explainer;
import dev.signals.domain.calculation.IdentifiedHistory;
import dev.signals.domain.explanation.Explanation;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.calculation.ReferenceCalculator;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.subject.SubjectKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.time.Instant;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Issue 7, benchmark 1: all 108 signals of one subject with 10 to 10,000 events ({@link #calculate}),
 * against the floor of reading the same events once through the same {@link EventHistory} and
 * summing one field ({@link #floor}). The history is the one production reads: taken from the real
 * in-memory index, where the subject's events lie among twenty times as many of other subjects.
 * Target: the calculation within 3x of the floor at 1,000 events. Two more methods explain the
 * gap rather than limit anything: {@link #fields} reads every field the calculation reads, and
 * {@link #countOnly} does the least any calculation of these signals does per event.
 *
 * <p>Run them side by side and print the ratios with
 * {@code java -cp signals-benchmarks/target/benchmarks.jar dev.signals.benchmarks.calculation.CalculationBenchmark}
 * (JMH options may follow, e.g. {@code -f 2 -p events=1000}); or through JMH's own main with
 * {@code java -jar signals-benchmarks/target/benchmarks.jar CalculationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class CalculationBenchmark {

    private static final double TARGET_RATIO = 3.0;
    private static final String TARGET_EVENTS = "1000";
    private static final long DAYS_30 = 30 * Micros.DAY;
    private static final long DAYS_90 = 90 * Micros.DAY;
    private static final long DAYS_180 = 180 * Micros.DAY;

    @Param({"10", "100", "1000", "10000"})
    public int events;

    private final SignalCalculator calculator = new SignalCalculator();
    private final SignalSelection all = SignalCatalogue.standard().allSignals();

    private final Explainer explainer = new Explainer(calculator);

    private Instant asOf;
    private long asOfMicros;
    private EventHistory history;
    /** The history with the ids an explanation asked by {@link #asking} reads, as the service gives it. */
    private EventHistory identified;
    private InstitutionId asking;

    @Setup(Level.Trial)
    public void setUp() {
        asOf = Instant.parse("2025-06-30T12:00:00.123456Z");
        asOfMicros = Micros.of(asOf);
        SubjectHistories.Fixture fixture = new SubjectHistories(asOf, 7L * events).fixture(events);
        history = fixture.index().eventsOf(SubjectKeys.subjectOf(fixture.subjectKey()));
        if (history.size() != events) {
            throw new IllegalStateException("the index gave " + history.size() + " events, not " + events);
        }
        checkAgainstReference(fixture);
        asking = fixture.subjectEvents().get(0).institutionId();
        Set<InstitutionId> read = Explainer.institutionsWhoseIdsAreRead(history, asking);
        identified = IdentifiedHistory.of(history,
                fixture.subjectEvents().stream().filter(event -> read.contains(event.institutionId())).toList(), List.of());
    }

    /**
     * Issue 16: the values and their explanation (contract section 2.5) from the same history, asked by one of the
     * subject's lenders; against {@link #calculate}, what explaining costs in the calculation itself.
     */
    @Benchmark
    public Explanation explain() {
        return explainer.explain(identified, asOf, all, asking).explanation();
    }

    /** The figure: every signal of the catalogue for the subject. */
    @Benchmark
    public CalculationResult calculate() {
        return calculator.calculate(history, asOf, all);
    }

    /** The limit: one read of every event through the same history, summing one field. */
    @Benchmark
    public long floor() {
        EventHistory h = history;
        long sum = 0;
        for (int i = 0, n = h.size(); i < n; i++) {
            sum += h.occurredAtMicros(i);
        }
        return sum;
    }

    /**
     * Not a limit but an explanation: one read of every field the calculation reads of every event
     * (instants, type, institution, amount), through the same history. The calculation cannot be
     * faster than this; the gap between this and {@link #floor} is what the memory layout costs.
     */
    @Benchmark
    public long fields() {
        EventHistory h = history;
        long sum = 0;
        for (int i = 0, n = h.size(); i < n; i++) {
            sum += h.occurredAtMicros(i) ^ h.reportedAtMicros(i) ^ h.type(i).ordinal() ^ h.institution(i)
                    ^ (h.hasAmount(i) ? h.amountCents(i) : 0);
        }
        return sum;
    }

    /**
     * Not a limit but an explanation: the least any calculation of these signals does per event,
     * counting the known events by type and age (30, 90, 180 days, older) and nothing else, through
     * the same history. The gap between this and {@link #floor} is the cost of deciding, per event,
     * which tallies it lands in.
     */
    @Benchmark
    public int[] countOnly() {
        EventHistory h = history;
        long at = asOfMicros;
        int[] counts = new int[EventType.values().length * 4];
        for (int i = 0, n = h.size(); i < n; i++) {
            long occurred = h.occurredAtMicros(i);
            if (occurred > at || h.reportedAtMicros(i) > at) {
                continue;
            }
            long age = at - occurred;
            int bucket = (int) ((DAYS_30 - 1 - age) >>> 63) + (int) ((DAYS_90 - 1 - age) >>> 63)
                    + (int) ((DAYS_180 - 1 - age) >>> 63);
            counts[h.type(i).ordinal() * 4 + bucket]++;
        }
        return counts;
    }

    /** A fast wrong answer is no answer: the measured calculation must agree with the contract's sentences. */
    private void checkAgainstReference(SubjectHistories.Fixture fixture) {
        CalculationResult result = calculate();
        Map<String, Long> expected = ReferenceCalculator.values(fixture.subjectEvents(), asOf, all.signals());
        for (SignalValue value : result.values()) {
            if (!Objects.equals(expected.get(value.signal().name()), value.value())) {
                throw new IllegalStateException(value.signal().name() + " is " + value.value() + ", the reference says "
                        + expected.get(value.signal().name()));
            }
        }
        if (result.hasData() != ReferenceCalculator.hasData(fixture.subjectEvents(), asOf)) {
            throw new IllegalStateException("hasData disagrees with the reference");
        }
    }

    /**
     * Runs both benchmarks at every size (JMH command-line options may narrow or lengthen the run)
     * and prints, per size, the calculation, the floor and their ratio against the target.
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(given);
        if (given.getIncludes().isEmpty()) {
            options.include(CalculationBenchmark.class.getName() + "\\.");
        }
        Map<Integer, double[]> bySize = new TreeMap<>();
        for (RunResult run : new Runner(options.build()).run()) {
            int size = Integer.parseInt(run.getParams().getParam("events"));
            String method = run.getParams().getBenchmark();
            double[] scores = bySize.computeIfAbsent(size, s -> new double[] {Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN});
            int column = method.endsWith(".calculate") ? 0 : method.endsWith(".floor") ? 1
                    : method.endsWith(".fields") ? 2 : method.endsWith(".countOnly") ? 3 : 4;
            scores[column] = run.getPrimaryResult().getScore();
        }
        System.out.println();
        System.out.println("Calculation of all 108 signals vs the floor (reading the same events once, summing one field),");
        System.out.println("average µs per subject; for explanation only: 'fields' reads every field the calculation reads,");
        System.out.println("'countOnly' counts the known events by type and age and does nothing else; 'explain' is the");
        System.out.println("calculation with its explanation (issue 16), asked by one of the subject's lenders.");
        System.out.printf(Locale.ROOT, "%8s %12s %10s %10s %10s %10s %8s %8s %8s  %s%n", "events", "calculation", "floor",
                "fields", "countOnly", "explain", "ratio", "fields/", "count/", "target (ratio at 1,000 events)");
        bySize.forEach((size, scores) -> {
            double ratio = scores[0] / scores[1];
            String target = String.valueOf(size).equals(TARGET_EVENTS) && !Double.isNaN(ratio)
                    ? (ratio <= TARGET_RATIO ? "<= 3x: met" : "<= 3x: missed") : "";
            System.out.printf(Locale.ROOT, "%8d %12.3f %10.3f %10.3f %10.3f %10.3f %7.2fx %7.2fx %7.2fx  %s%n", size,
                    scores[0], scores[1], scores[2], scores[3], scores[4], ratio, scores[2] / scores[1],
                    scores[3] / scores[1], target);
        });
    }
}

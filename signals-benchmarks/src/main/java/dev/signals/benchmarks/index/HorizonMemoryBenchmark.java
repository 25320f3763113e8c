package dev.signals.benchmarks.index;

import dev.signals.adapter.eventsource.inmemory.InMemoryEventIndex;
import dev.signals.bootstrap.tools.SyntheticEvents;
import dev.signals.domain.event.Event;
import org.openjdk.jol.info.GraphLayout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Issue 18: the heap an index retains after a simulated three years of a network's events, with its horizon moving
 * while it runs, against the same network's last 180 days alone (target: within 1.5x).
 *
 * <p>The network: {@code --events-per-year} synthetic events a year ({@link SyntheticEvents}: power-law subjects and
 * lenders over {@code --subjects} phones, a third with an e-mail address too), for three years, the same phones
 * throughout. Run A adds the three years in order of occurrence, a month at a time, and after each month moves the
 * horizon to the month's end minus {@code --horizon-days} (210 by default, the service's), as a node running those
 * three years would ({@code --horizon-days 0}: keeps every event, as before issue 18). Run B adds only the events of the last 180 days to a fresh index, which keeps everything. Each
 * index's size is the bytes of every object reachable from it (JOL's {@code GraphLayout}); the heap used after full
 * collections, with nothing else reachable but the index, is printed beside it, but moves by tens of megabytes.
 *
 * <p>Run:
 * <pre>
 * java -Xmx8g -XX:+UseSerialGC -cp signals-benchmarks/target/benchmarks.jar \
 *      dev.signals.benchmarks.index.HorizonMemoryBenchmark [--events-per-year 2000000] [--subjects 133000]
 *      [--institutions 200] [--horizon-days 210] [--seed 42] [--histogram]
 * </pre>
 */
public final class HorizonMemoryBenchmark {

    private HorizonMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // JOL reads the fields of records (Horizon is one) this way only.
        System.setProperty("jol.magicFieldOffset", "true");
        int perYear = 2_000_000;
        int subjects = 133_000;
        int institutions = 200;
        int horizonDays = 210;
        long seed = 42;
        boolean histogram = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events-per-year" -> perYear = Integer.parseInt(args[++i]);
                case "--subjects" -> subjects = Integer.parseInt(args[++i]);
                case "--institutions" -> institutions = Integer.parseInt(args[++i]);
                case "--horizon-days" -> horizonDays = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--histogram" -> histogram = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --events-per-year N --subjects N --institutions N --horizon-days N --seed N --histogram");
            }
        }
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        System.out.printf("Horizon memory: 3 years of %,d events a year over %,d phones and %d lenders (seed %d), horizon %d days, "
                + "heap max %,d MB%n", perYear, subjects, institutions, seed, horizonDays, Runtime.getRuntime().maxMemory() >> 20);

        long before = IndexMemoryBenchmark.settledHeapUsed();
        List<Event> threeYears = threeYears(perYear, subjects, institutions, seed, end);
        int added = threeYears.size();
        InMemoryEventIndex aged = new InMemoryEventIndex();
        Instant month = threeYears.get(0).occurredAt().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(30));
        int from = 0;
        int left = 0;
        long agingNanos = 0;
        int agings = 0;
        while (from < threeYears.size()) {
            int to = from;
            while (to < threeYears.size() && threeYears.get(to).occurredAt().isBefore(month)) {
                to++;
            }
            aged.addAll(threeYears.subList(from, to));
            // Added events are let go, so that only the index stays reachable at the end.
            for (int i = from; i < to; i++) {
                threeYears.set(i, null);
            }
            long started = System.nanoTime();
            if (horizonDays > 0) {
                left += aged.keepInFullFrom(month.minus(Duration.ofDays(horizonDays)));
            }
            agingNanos += System.nanoTime() - started;
            agings++;
            from = to;
            month = month.plus(Duration.ofDays(30));
        }
        threeYears = null;
        long agedHeap = IndexMemoryBenchmark.settledHeapUsed() - before;
        long agedBytes = GraphLayout.parseInstance(aged).totalSize();
        if (histogram) {
            IndexMemoryBenchmark.printHistogram();
        }
        int agedSize = aged.size();
        int agedSubjects = aged.subjectCount();
        aged = null;

        long beforeRecent = IndexMemoryBenchmark.settledHeapUsed();
        Instant lastHalfYear = end.minus(Duration.ofDays(180));
        List<Event> last180Days = new ArrayList<>(threeYears(perYear, subjects, institutions, seed, end).stream()
                .filter(e -> e.occurredAt().isAfter(lastHalfYear)).toList());
        InMemoryEventIndex recent = new InMemoryEventIndex();
        recent.addAll(last180Days);
        last180Days = null;
        long recentHeap = IndexMemoryBenchmark.settledHeapUsed() - beforeRecent;
        long recentBytes = GraphLayout.parseInstance(recent).totalSize();

        System.out.printf("three years, horizon %d days: %,d events added, %,d left memory in %d agings (%.1f s in all), %,d held, "
                        + "%,d subjects; the index %,d MB (heap after GC: %,d MB more)%n", horizonDays, added, left, agings, agingNanos / 1e9,
                agedSize, agedSubjects, agedBytes >> 20, agedHeap >> 20);
        System.out.printf("last 180 days alone: %,d events, %,d subjects; the index %,d MB (heap after GC: %,d MB more)%n", recent.size(),
                recent.subjectCount(), recentBytes >> 20, recentHeap >> 20);
        double ratio = agedBytes / (double) recentBytes;
        System.out.printf("RESULT horizon memory: three years with a %d-day horizon %,d MB | the last 180 days alone %,d MB: ratio %.2f"
                + " | target <= 1.5: %s%n", horizonDays, agedBytes >> 20, recentBytes >> 20, ratio, ratio <= 1.5 ? "MET" : "MISSED");
    }
    /** The network's three years of events, in order of occurrence: each year's from a generator of its own. */
    private static List<Event> threeYears(int perYear, int subjects, int institutions, long seed, Instant end) {
        List<Event> events = new ArrayList<>(3 * perYear);
        for (int year = 2; year >= 0; year--) {
            SyntheticEvents generator = new SyntheticEvents(subjects, institutions, end.minus(Duration.ofDays(365L * year)), seed + year);
            events.addAll(IndexMemoryBenchmark.nextBatch(generator, perYear));
        }
        events.sort(Comparator.comparing(Event::occurredAt));
        return events;
    }
}

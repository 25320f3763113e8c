package dev.signals.benchmarks.index;

import dev.signals.adapter.eventsource.inmemory.InMemoryEventIndex;
import dev.signals.application.port.in.EventReport;
import dev.signals.bootstrap.tools.SyntheticEvents;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.SubjectKeys;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 7, items 5 and 6 (the store's side): the heap the in-memory index retains per event, and whether
 * reading a small subject's events stays as fast when the store grows.
 *
 * <p>Loads {@code --events} synthetic events ({@link SyntheticEvents}, the generator behind {@code generate}
 * and {@code --demo}: power-law subjects and lenders, a loan's life of types) into a fresh index, in batches
 * that are dropped once added, so only the index stays reachable. Heap use is read after full collections
 * until it settles, before and after; the difference divided by the events is the index's retained bytes per
 * event. Its limit is the raw size of the fields the calculation reads, stored as fixed-width primitives
 * without any index: occurredAt 8 + reportedAt 8 + amount 8 + institution 4 + overdueDays 4 + type and flag 1
 * = {@value #FLOOR_BYTES} bytes. The target is at most {@value #TARGET_BYTES} bytes per event.
 *
 * <p>Growth: at {@code --probe-at} events and at the end, subjects with exactly 10 events are looked up by
 * their E.164 key; the p50 of {@code eventsOf} plus reading every field of every event, and of
 * {@code eventsOf} plus all 108 signals, is printed for each size. Flat means the index's lookups do not
 * depend on the store's size.
 *
 * <p>Run (one command; a serial collector gives stable heap figures):
 * <pre>
 * java -Xmx6g -XX:+UseSerialGC -cp signals-benchmarks/target/benchmarks.jar \
 *      dev.signals.benchmarks.index.IndexMemoryBenchmark [--events 10000000] [--subjects 500000]
 *      [--institutions 200] [--seed 42] [--probe-at 1000000] [--histogram]
 * </pre>
 * {@code --histogram} prints the top of the heap's class histogram (jcmd GC.class_histogram) with the index
 * loaded: where the bytes are.
 */
public final class IndexMemoryBenchmark {

    static final int FLOOR_BYTES = 8 + 8 + 8 + 4 + 4 + 1;
    static final int TARGET_BYTES = 48;
    private static final int BATCH = 10_000;
    private static final int PROBE_SUBJECTS = 500;
    private static final int PROBE_ROUNDS = 40;
    private static final int PROBE_WARMUP_ROUNDS = 20;
    /** Enough calls for the JIT to have compiled the read and calculation paths before the first size is measured. */
    private static final int PROBE_WARMUP_CALLS = 200_000;

    private IndexMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = 10_000_000;
        int subjects = 500_000;
        int institutions = 200;
        long seed = 42;
        long probeAt = 1_000_000;
        boolean histogram = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--subjects" -> subjects = Integer.parseInt(args[++i]);
                case "--institutions" -> institutions = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--probe-at" -> probeAt = Long.parseLong(args[++i]);
                case "--histogram" -> histogram = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --events N --subjects N --institutions N --seed N --probe-at N --histogram");
            }
        }
        System.out.printf("Index memory: %,d events over %,d subjects and %d institutions (seed %d), heap max %,d MB%n",
                events, subjects, institutions, seed, Runtime.getRuntime().maxMemory() >> 20);

        long before = settledHeapUsed();
        InMemoryEventIndex index = new InMemoryEventIndex();
        SyntheticEvents generator = new SyntheticEvents(subjects, institutions, Instant.now().truncatedTo(ChronoUnit.DAYS), seed);
        long addNanos = 0;
        long added = 0;
        List<Probe> growth = new ArrayList<>();
        while (added < events) {
            List<Event> batch = nextBatch(generator, (int) Math.min(BATCH, events - added));
            long started = System.nanoTime();
            index.addAll(batch);
            addNanos += System.nanoTime() - started;
            added += batch.size();
            if (added == probeAt && probeAt < events) {
                growth.add(probe(index, subjects, added));
            }
        }
        double eventsPerSecond = added / (addNanos / 1e9);
        growth.add(probe(index, subjects, added));

        long after = settledHeapUsed();
        double perEvent = (after - before) / (double) added;
        if (histogram) {
            printHistogram();
        }
        System.out.printf("build: %,.0f events/s into the index (%,d events, %.1f s in addAll), %,d subjects%n",
                eventsPerSecond, added, addNanos / 1e9, index.subjectCount());
        for (Probe probe : growth) {
            System.out.println(probe.line());
        }
        System.out.printf("RESULT index heap: %.1f bytes/event retained (%,d MB for %,d events) | limit (raw fields, %d bytes/event): "
                        + "ratio %.2f | target <= %d bytes/event: %s%n",
                perEvent, (after - before) >> 20, added, FLOOR_BYTES, perEvent / FLOOR_BYTES, TARGET_BYTES,
                perEvent <= TARGET_BYTES ? "MET" : "MISSED");
        if (growth.size() == 2 && growth.get(0).readNanos() > 0 && growth.get(1).readNanos() > 0) {
            Probe small = growth.get(0);
            Probe large = growth.get(1);
            System.out.printf("RESULT index growth: p50 eventsOf+read of a 10-event subject %.2f us at %,d events | limit %.2f us at %,d events: "
                            + "ratio %.2f (with 108 signals: %.2f) | target: the same within noise%n",
                    large.readNanos() / 1e3, large.size(), small.readNanos() / 1e3, small.size(),
                    large.readNanos() / (double) small.readNanos(), large.calculateNanos() / (double) small.calculateNanos());
        }
        if (index.size() != added) {
            throw new IllegalStateException("the index holds " + index.size() + " events, " + added + " were added");
        }
    }

    static List<Event> nextBatch(SyntheticEvents generator, int count) {
        List<Event> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SyntheticEvents.Generated next = generator.next();
            EventReport r = next.report();
            batch.add(new Event(r.eventId(), new InstitutionId(next.institutionId()), EventType.parse(r.type()),
                    r.phone() == null ? null : new PhoneNumber(r.phone()),
                    r.emailAddress() == null ? null : new EmailAddress(r.emailAddress()),
                    r.occurredAt(), r.reportedAt(), r.amount(), r.overdueDays(), r.autoRepayment()));
        }
        return batch;
    }

    /** p50 of eventsOf + reading every field, and of eventsOf + all signals, over subjects with exactly 10 events. */
    private static Probe probe(InMemoryEventIndex index, int subjects, long size) {
        List<String> keys = new ArrayList<>();
        for (int n = subjects - 1; n >= 0 && keys.size() < PROBE_SUBJECTS; n--) {
            String key = "tel:" + SyntheticEvents.phoneOf(n);
            if (index.eventsOf(SubjectKeys.subjectOf(key)).size() == 10) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            return new Probe(size, 0, 0, String.format("growth at %,d events: no subject with exactly 10 events", size));
        }
        SignalCalculator calculator = new SignalCalculator();
        SignalSelection all = SignalCatalogue.standard().allSignals();
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long[] read = new long[keys.size() * PROBE_ROUNDS];
        long[] calculate = new long[keys.size() * PROBE_ROUNDS];
        long sink = 0;
        for (int warm = 0; warm < Math.max(PROBE_WARMUP_ROUNDS, PROBE_WARMUP_CALLS / keys.size()); warm++) {
            for (String key : keys) {
                sink += readAll(index.eventsOf(SubjectKeys.subjectOf(key)));
                sink += calculator.calculate(index.eventsOf(SubjectKeys.subjectOf(key)), asOf, all).hashCode();
            }
        }
        int k = 0;
        for (int round = 0; round < PROBE_ROUNDS; round++) {
            for (String key : keys) {
                long t0 = System.nanoTime();
                sink += readAll(index.eventsOf(SubjectKeys.subjectOf(key)));
                long t1 = System.nanoTime();
                sink += calculator.calculate(index.eventsOf(SubjectKeys.subjectOf(key)), asOf, all).hashCode();
                long t2 = System.nanoTime();
                read[k] = t1 - t0;
                calculate[k] = t2 - t1;
                k++;
            }
        }
        return new Probe(size, median(read), median(calculate),
                String.format("growth at %,d events: p50 eventsOf+read %,.2f us, eventsOf+108 signals %,.2f us (%d subjects of 10 events, sink %d)",
                        size, median(read) / 1e3, median(calculate) / 1e3, keys.size(), sink & 1));
    }

    /** The p50s measured at one size of the store, and their line. */
    private record Probe(long size, long readNanos, long calculateNanos, String line) {
    }

    private static long readAll(EventHistory history) {
        long sum = 0;
        for (int i = 0; i < history.size(); i++) {
            sum += history.type(i).ordinal() + history.institution(i) + history.occurredAtMicros(i)
                    + history.reportedAtMicros(i) + (history.hasAmount(i) ? history.amountCents(i) : 0)
                    + (history.hasOverdueDays(i) ? history.overdueDays(i) : 0)
                    + (history.autoRepayment(i) ? 1 : 0);
        }
        return sum;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Heap in use after full collections, once two readings in a row agree within 1 MB. */
    static long settledHeapUsed() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 20; attempt++) {
            System.gc();
            Thread.sleep(100);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < (1 << 20)) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    static void printHistogram() throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jcmd.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().limit(18).forEach(line -> System.out.println("histogram " + line));
        }
        jcmd.waitFor();
    }
}

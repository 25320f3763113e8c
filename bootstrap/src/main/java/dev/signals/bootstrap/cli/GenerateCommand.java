package dev.signals.bootstrap.cli;

import dev.signals.bootstrap.tools.SyntheticEvents;
import dev.signals.bootstrap.tools.EventImport;
import dev.signals.bootstrap.SignalsTools;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/**
 * {@code signals generate}: a synthetic data set ({@link SyntheticEvents}) straight into the journal.
 * Events are dated over the year before today; running it again on the same day with the same seed
 * reports the same events again, which are then duplicates.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate a realistic synthetic data set of events into the journal, for demos and benchmarks.")
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--subjects", defaultValue = "100000", description = "Distinct phone numbers (default ${DEFAULT-VALUE}).")
    int subjects;

    @Option(names = "--institutions", defaultValue = "20", description = "Distinct reporting institutions (default ${DEFAULT-VALUE}).")
    int institutions;

    @Option(names = "--events", defaultValue = "2000000", description = "Events to generate (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "5000", description = "Events per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        QuietLogs.warningsOnly();
        try (SignalsTools tools = SignalsTools.open(database.config(0))) {
            EventImport.Summary summary = generate(tools, subjects, institutions, events, seed, batchSize, System.err);
            System.out.print(summary.describe(20));
            return summary.rejected().isEmpty() ? 0 : 3;
        }
    }

    /** Generates {@code count} events into the journal, with a progress bar on {@code console}. */
    public static EventImport.Summary generate(SignalsTools tools, int subjects, int institutions, long count, long seed,
                                               int batchSize, PrintStream console) {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        SyntheticEvents generator = new SyntheticEvents(subjects, institutions, today, seed);
        EventImport importer = new EventImport(tools.events(), batchSize);
        long started = System.nanoTime();
        try (ProgressBar progress = new ProgressBarBuilder().setTaskName("Generating").setInitialMax(count)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(console))
                .setUpdateIntervalMillis(500).showSpeed().build()) {
            for (long i = 0; i < count; i++) {
                SyntheticEvents.Generated next = generator.next();
                importer.add(next.institutionId(), next.report());
                progress.step();
            }
        }
        EventImport.Summary summary = importer.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        console.printf("Generated %,d events in %.1f s (%,.0f events/s)%n", count, seconds, count / seconds);
        return summary;
    }
}

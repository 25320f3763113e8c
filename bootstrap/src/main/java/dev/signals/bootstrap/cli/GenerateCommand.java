package dev.signals.bootstrap.cli;

import dev.signals.bootstrap.SignalsTools;
import dev.signals.bootstrap.tools.EventImport;
import dev.signals.bootstrap.tools.SyntheticEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/**
 * {@code signals generate}: a synthetic data set ({@link SyntheticEvents}) straight into the journal.
 * Events are dated over the year before today; running it again on the same day with the same seed
 * reports the same events again, which are then duplicates.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = SignalsVersion.class, sortOptions = false,
        description = "Generate a realistic synthetic data set of events into the journal, for demos and benchmarks.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
                "0:every event was accepted or a duplicate",
                "1:generating failed; the message says why (batches reported before are kept)",
                "2:the command line or a setting is wrong, such as a number out of range",
                "3:some events were rejected (listed)"})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--subjects", paramLabel = "N", defaultValue = "100000", description = "Distinct phone numbers (default ${DEFAULT-VALUE}).")
    int subjects;

    @Option(names = "--institutions", paramLabel = "N", defaultValue = "20", description = "Distinct reporting institutions (default ${DEFAULT-VALUE}).")
    int institutions;

    @Option(names = "--events", paramLabel = "N", defaultValue = "2000000", description = "Events to generate (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "5000", description = "Events per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        QuietLogs.warningsOnly();
        try {
            new SyntheticEvents(subjects, institutions, Instant.now(), seed);
            EventImport.requireBatchSize(batchSize);
            if (events < 0) {
                throw new IllegalArgumentException("--events must be 0 or more, was " + events);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (SignalsTools tools = database.open()) {
            EventImport.Summary summary = generate(tools, subjects, institutions, events, seed, batchSize,
                    spec.commandLine().getErr(), Progress.onTerminal());
            PrintWriter out = spec.commandLine().getOut();
            out.print(summary.describe(20));
            out.flush();
            return summary.rejected().isEmpty() ? 0 : 3;
        }
    }

    /**
     * Generates {@code count} events into the journal, with their progress on {@code console}, ending on a
     * line saying how long it took.
     *
     * @param terminal whether {@code console} is a terminal (a redrawn bar) or not (a plain line now and then)
     */
    public static EventImport.Summary generate(SignalsTools tools, int subjects, int institutions, long count, long seed,
                                               int batchSize, PrintWriter console, boolean terminal) {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        SyntheticEvents generator = new SyntheticEvents(subjects, institutions, today, seed);
        EventImport importer = new EventImport(tools.events(), batchSize);
        long started = System.nanoTime();
        try (Progress progress = new Progress("Generating", "events", count, console, terminal)) {
            for (long i = 1; i <= count; i++) {
                SyntheticEvents.Generated next = generator.next();
                importer.add(next.institutionId(), next.report());
                progress.update(i, importer.accepted(), importer.duplicates(), importer.rejectedCount());
            }
            EventImport.Summary summary = importer.finish();
            double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
            progress.finish(String.format("Generated %,d events in %.1f s (%,.0f events/s)", count, seconds, count / seconds));
            return summary;
        }
    }
}

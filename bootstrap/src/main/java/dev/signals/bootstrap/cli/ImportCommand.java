package dev.signals.bootstrap.cli;

import dev.signals.bootstrap.tools.NdjsonEvents;
import dev.signals.bootstrap.tools.CsvEvents;
import dev.signals.bootstrap.tools.EventImport;
import dev.signals.bootstrap.SignalsTools;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code signals import}: events of one institution from an NDJSON or CSV file into the journal, in
 * batches, with a progress bar and a summary that names every rejected line. Running it again on the
 * same file creates no duplicates: those events are counted as duplicates.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Import events of one institution from an NDJSON or CSV file into the journal.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every line was accepted or a duplicate", "1:the import failed", "3:some lines were rejected (listed)"})
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--institution", required = true, paramLabel = "ID",
            description = "The institution that reports these events.")
    String institution;

    @Option(names = "--format", paramLabel = "ndjson|csv", description = "File format (default: from the file's extension).")
    String format;

    @Option(names = "--batch-size", defaultValue = "5000", description = "Events per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--show-rejected", defaultValue = "50", description = "Rejected lines to list (default ${DEFAULT-VALUE}).")
    int showRejected;

    @Parameters(paramLabel = "FILE", description = "The NDJSON or CSV file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        QuietLogs.warningsOnly();
        String kind = format(file, format);
        try (SignalsTools tools = SignalsTools.open(database.config(0))) {
            EventImport importer = new EventImport(tools.events(), batchSize);
            long started = System.nanoTime();
            ProgressBarBuilder bar = new ProgressBarBuilder().setTaskName("Importing").setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" KiB", 1024).showSpeed()
                    .setUpdateIntervalMillis(500);
            try (InputStream in = ProgressBar.wrap(Files.newInputStream(file), bar);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                if (kind.equals("csv")) {
                    CsvEvents.read(reader, report -> importer.add(institution, report));
                } else {
                    NdjsonEvents.read(reader, report -> importer.add(institution, report));
                }
            }
            EventImport.Summary summary = importer.finish();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.print(summary.describe(showRejected));
            System.out.printf("%.1f s, %,.0f lines/s%n", seconds, summary.read() / Math.max(seconds, 1e-9));
            return summary.rejected().isEmpty() ? 0 : 3;
        }
    }

    static String format(Path file, String format) {
        String kind = format != null ? format.toLowerCase(Locale.ROOT)
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "ndjson";
        if (!kind.equals("csv") && !kind.equals("ndjson")) {
            throw new IllegalArgumentException("--format is ndjson or csv, was " + format);
        }
        return kind;
    }
}

package dev.signals.bootstrap.cli;

import dev.signals.bootstrap.SignalsTools;
import dev.signals.bootstrap.tools.CsvEvents;
import dev.signals.bootstrap.tools.EventImport;
import dev.signals.bootstrap.tools.NdjsonEvents;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code signals import}: events of one institution from an NDJSON or CSV file into the journal, in
 * batches, with a progress bar and a summary that names every rejected line. Running it again on
 * the same file creates no duplicates: those events are counted as duplicates. The file is checked
 * (there, readable, a CSV header of known columns) before the database is opened, so a wrong file
 * leaves nothing behind.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = SignalsVersion.class, sortOptions = false,
        description = "Import events of one institution from an NDJSON or CSV file into the journal.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
                "0:every line was accepted or a duplicate",
                "1:the import failed; the message says why (lines of batches reported before are kept: importing the file again counts them as duplicates)",
                "2:the command line or a setting is wrong, such as a missing option or argument",
                "3:some lines were rejected (listed)"})
public final class ImportCommand implements Callable<Integer> {

    /** At most this many rejected lines are listed unless --show-rejected says otherwise. */
    static final String DEFAULT_SHOW_REJECTED = "50";

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--institution", required = true, paramLabel = "ID",
            description = "The institution that reports these events.")
    String institution;

    @Option(names = "--format", paramLabel = "ndjson|csv", description = "File format (default: from the file's extension).")
    String format;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "5000", description = "Events per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--show-rejected", paramLabel = "N", defaultValue = DEFAULT_SHOW_REJECTED,
            description = "Rejected lines to list (default ${DEFAULT-VALUE}).")
    int showRejected;

    @Parameters(paramLabel = "FILE", description = "The NDJSON or CSV file.")
    Path file;

    @Override
    public Integer call() {
        QuietLogs.warningsOnly();
        String kind;
        try {
            kind = format(file, format);
            EventImport.requireBatchSize(batchSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (showRejected < 0) {
            throw new ParameterException(spec.commandLine(), "--show-rejected must be 0 or more, was " + showRejected);
        }
        checkFile(file, kind);
        PrintWriter out = spec.commandLine().getOut();
        try (SignalsTools tools = database.open()) {
            EventImport importer = new EventImport(tools.events(), batchSize);
            long started = System.nanoTime();
            ProgressBarBuilder bar = new ProgressBarBuilder().setTaskName("Importing").setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" KiB", 1024).showSpeed()
                    .setUpdateIntervalMillis(500).setInitialMax(Files.size(file));
            try (InputStream in = ProgressBar.wrap(Files.newInputStream(file), bar);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                if (kind.equals("csv")) {
                    CsvEvents.read(reader, report -> importer.add(institution, report));
                } else {
                    NdjsonEvents.read(reader, report -> importer.add(institution, report));
                }
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + CliErrors.rootMessage(e) + ".",
                        "The batches reported before were kept: importing the file again counts them as duplicates.", e);
            }
            EventImport.Summary summary = importer.finish();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.print(summary.describe(showRejected));
            out.printf("%.1f s, %,.0f lines/s%n", seconds, summary.read() / Math.max(seconds, 1e-9));
            out.flush();
            return summary.rejected().isEmpty() ? 0 : 3;
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + CliErrors.rootMessage(e) + "; nothing was imported.", null, e);
        }
    }

    static String format(Path file, String format) {
        String kind = format != null ? format.toLowerCase(Locale.ROOT)
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "ndjson";
        if (!kind.equals("csv") && !kind.equals("ndjson")) {
            throw new IllegalArgumentException("--format is ndjson or csv, was '" + format + "'");
        }
        return kind;
    }

    /** Refuses a file that is not there or not readable, or a CSV file whose header is wrong. */
    private void checkFile(Path file, String kind) {
        if (!Files.exists(file)) {
            throw new CliException("the file " + file + " does not exist (looked for " + file.toAbsolutePath().normalize()
                    + "); nothing was imported.", null);
        }
        if (Files.isDirectory(file)) {
            throw new CliException(file + " is a directory, not a file; nothing was imported.", null);
        }
        try {
            if (kind.equals("csv")) {
                try (BufferedReader reader = open(file)) {
                    CsvEvents.checkHeader(reader);
                } catch (IllegalArgumentException e) {
                    throw new CliException(file + ": " + e.getMessage() + "; nothing was imported.", null, e);
                }
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + CliErrors.rootMessage(e) + "; nothing was imported.", null, e);
        }
    }

    /** UTF-8; a byte sequence that is not UTF-8 becomes U+FFFD, so that its line is rejected, not the file. */
    private static BufferedReader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }
}

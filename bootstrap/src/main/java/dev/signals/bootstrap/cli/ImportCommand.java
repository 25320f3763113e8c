package dev.signals.bootstrap.cli;

import dev.signals.application.port.in.EventReport;
import dev.signals.bootstrap.SignalsTools;
import dev.signals.bootstrap.tools.CsvEvents;
import dev.signals.bootstrap.tools.EventImport;
import dev.signals.adapter.rest.json.EventJson;
import dev.signals.adapter.rest.json.RetractionJson;
import dev.signals.application.port.in.RetractionReport;
import dev.signals.bootstrap.tools.CsvRetractions;
import dev.signals.bootstrap.tools.NdjsonFile;
import dev.signals.bootstrap.tools.RetractionImport;
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
import java.util.function.Consumer;

/**
 * {@code signals import}: events of one institution from an NDJSON or CSV file into the journal, in
 * batches, with progress counted in lines and a summary listing the rejected lines. Running it again on
 * the same file creates no duplicates: those events are counted as duplicates. With {@code --retractions}
 * the file holds retractions of the institution's events instead (contract section 4.1); running it again
 * counts them as already retracted. The file is checked (there, readable, a CSV header of known columns)
 * before the database is opened, so a wrong file leaves nothing behind.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = SignalsVersion.class, sortOptions = false,
        description = {"Import events of one institution from an NDJSON or CSV file into the journal.",
                "With --retractions, retract events it reported instead."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
                "0:every line was accepted or a duplicate (retracted or already retracted)",
                "1:the import failed; the message says why (lines of batches reported before are kept: importing the file again counts them as duplicates, or as already retracted)",
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
            description = "Rejected lines the summary lists, the first N by line number (default ${DEFAULT-VALUE}).")
    int showRejected;

    @Option(names = "--retractions", description = "FILE holds retractions of events this institution reported: "
            + "eventId and an optional reason (at most 500 characters), as NDJSON objects or CSV columns. Each event "
            + "named stops counting from now on; requests as of an earlier instant still see it.")
    boolean retractions;

    @Parameters(paramLabel = "FILE", description = "The NDJSON or CSV file.")
    Path file;

    @Override
    public Integer call() {
        QuietLogs.warningsOnly();
        String kind;
        try {
            kind = format(file, format);
            if (retractions) {
                RetractionImport.requireBatchSize(batchSize);
            } else {
                EventImport.requireBatchSize(batchSize);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (showRejected < 0) {
            throw new ParameterException(spec.commandLine(), "--show-rejected must be 0 or more, was " + showRejected);
        }
        long lines = checkFile(file, kind);
        if (retractions) {
            return retract(lines, kind);
        }
        try (SignalsTools tools = database.open()) {
            EventImport importer = new EventImport(tools.events(), batchSize);
            long started = System.nanoTime();
            try (Progress progress = new Progress("Importing", "lines", lines, spec.commandLine().getErr(), Progress.onTerminal())) {
                Consumer<EventReport> sink = report -> {
                    importer.add(institution, report);
                    progress.update(report.index(), importer.accepted(), importer.duplicates(), importer.rejectedCount());
                };
                read(file, "The batches reported before were kept: importing the file again counts them as duplicates.", reader -> {
                    if (kind.equals("csv")) {
                        CsvEvents.read(reader, sink);
                    } else {
                        NdjsonFile.read(reader, EventJson::readLine, sink);
                    }
                });
                EventImport.Summary summary = importer.finish();
                return finish(progress, "Imported", lines, started, summary.describe(showRejected), summary.rejected().size());
            }
        }
    }

    /** The same for a file of retractions. */
    private int retract(long lines, String kind) {
        try (SignalsTools tools = database.open()) {
            RetractionImport importer = new RetractionImport(tools.retractions(), institution, batchSize);
            long started = System.nanoTime();
            try (Progress progress = new Progress("Retracting", "lines", lines, spec.commandLine().getErr(), Progress.onTerminal(),
                    "retracted", "already retracted")) {
                Consumer<RetractionReport> sink = report -> {
                    importer.add(report);
                    progress.update(report.index(), importer.retracted(), importer.alreadyRetracted(), importer.rejectedCount());
                };
                read(file, "The batches retracted before were kept: importing the file again counts them as already retracted.",
                        reader -> {
                    if (kind.equals("csv")) {
                        CsvRetractions.read(reader, sink);
                    } else {
                        NdjsonFile.read(reader, RetractionJson::readLine, sink);
                    }
                });
                RetractionImport.Summary summary = importer.finish();
                return finish(progress, "Retracted from", lines, started, summary.describe(showRejected), summary.rejected().size());
            }
        }
    }

    /** Ends the progress with the rate, prints the summary, and says the exit code: 3 when lines were rejected. */
    private int finish(Progress progress, String done, long lines, long started, String summary, int rejected) {
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
        progress.finish(String.format("%s %s: %,d lines in %.1f s (%,.0f lines/s)", done, file, lines, seconds, lines / seconds));
        PrintWriter out = spec.commandLine().getOut();
        out.print(summary);
        if (rejected > showRejected) {
            out.printf("  (--show-rejected %d lists them all)%n", rejected);
        }
        out.flush();
        return rejected == 0 ? 0 : 3;
    }

    static String format(Path file, String format) {
        String kind = format != null ? format.toLowerCase(Locale.ROOT)
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "ndjson";
        if (!kind.equals("csv") && !kind.equals("ndjson")) {
            throw new IllegalArgumentException("--format is ndjson or csv, was '" + format + "'");
        }
        return kind;
    }

    /** The file's lines, once it is known to be there and readable, and a CSV file's header to be right. */
    private long checkFile(Path file, String kind) {
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
                    if (retractions) {
                        CsvRetractions.checkHeader(reader);
                    } else {
                        CsvEvents.checkHeader(reader);
                    }
                } catch (IllegalArgumentException e) {
                    throw new CliException(file + ": " + e.getMessage() + "; nothing was imported.", null, e);
                }
            }
            return countLines(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + CliErrors.rootMessage(e) + "; nothing was imported.", null, e);
        }
    }

    /** Reads the file with {@code reading}; a failure to read it says what was kept ({@code kept}). */
    private static void read(Path file, String kept, FileReading reading) {
        try (BufferedReader reader = open(file)) {
            reading.read(reader);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + CliErrors.rootMessage(e) + ".",
                    kept, e);
        }
    }

    @FunctionalInterface
    private interface FileReading {
        void read(BufferedReader reader) throws IOException;
    }

    /** UTF-8; a byte sequence that is not UTF-8 becomes U+FFFD, so that its line is rejected, not the file. */
    private static BufferedReader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    /** Line breaks, plus a last line without one: what the progress counts to. */
    static long countLines(Path file) throws IOException {
        long lines = 0;
        int last = '\n';
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[n - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }
}

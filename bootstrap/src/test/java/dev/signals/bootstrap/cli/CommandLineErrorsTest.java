package dev.signals.bootstrap.cli;

import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** Ordinary mistakes get one or two lines saying what went wrong and what to do, and leave nothing behind. */
class CommandLineErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotThereIsOneLineAndNoDatabaseIsCreated() {
        Path data = dir.resolve("data");

        CliRun run = CliRun.of("import", "--data-dir", data.toString(), "--institution", "abc", dir.resolve("nope.ndjson").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("nope.ndjson does not exist").contains("nothing was imported").doesNotContain("\tat ");
        assertThat(data).doesNotExist();
    }

    @Test
    void aDatabaseAnotherProcessHasOpenSaysToStopItOrUsePostgresql() throws Exception {
        Path data = dir.resolve("data");
        SignalsTools.open(SignalsConfig.of(0, data, null, null, null)).close();
        Path events = Files.writeString(dir.resolve("events.ndjson"), "{}\n");
        // As the running service holds it: H2 locks the file of an open database.
        try (FileChannel file = FileChannel.open(data.resolve("signals.mv.db"), StandardOpenOption.WRITE);
             FileLock lock = file.lock()) {
            CliRun run = CliRun.of("import", "--data-dir", data.toString(), "--institution", "abc", events.toString());

            assertThat(lock.isValid()).isTrue();
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.errLines()).hasSize(2);
            assertThat(run.errLines().get(0)).startsWith("signals import: the database in " + data.toAbsolutePath())
                    .contains("in use by another process");
            assertThat(run.errLines().get(1)).contains("Stop that process first").contains("PostgreSQL").contains("--db-url");
            assertThat(run.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void missingArgumentsAreAUsageErrorWithTheDocumentedCodeAndAPointerToHelp() {
        CliRun run = CliRun.of("import");

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.errLines()).containsExactly(
                "signals import: Missing required options and parameters: '--institution=ID', 'FILE'",
                "'signals import --help' lists the options.");
    }

    @Test
    void everyExitCodeIsInTheHelp() {
        CommandLine cli = Main.commandLine();

        assertThat(cli.getSubcommands().get("import").getUsageMessage()).contains("Exit codes:")
                .containsPattern("\\n +0 +every line").containsPattern("\\n +1 +the import failed")
                .containsPattern("\\n +2 +the command line").containsPattern("\\n +3 +some lines were rejected");
        assertThat(cli.getSubcommands().get("generate").getUsageMessage())
                .containsPattern("\\n +0 ").containsPattern("\\n +1 ").containsPattern("\\n +2 ").containsPattern("\\n +3 ");
        assertThat(cli.getUsageMessage()).containsPattern("\\n +143 +stopped by SIGTERM").containsPattern("\\n +1 ")
                .containsPattern("\\n +2 ");
    }

    @Test
    void aWrongValueIsAUsageErrorAndOpensNothing() {
        Path data = dir.resolve("data");

        CliRun format = CliRun.of("import", "--data-dir", data.toString(), "--institution", "abc", "--format", "xml", "x.xml");
        CliRun subjects = CliRun.of("generate", "--data-dir", data.toString(), "--subjects", "0");

        assertThat(format.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(format.errLines()).hasSize(2).first().asString().contains("--format is ndjson or csv, was 'xml'");
        assertThat(subjects.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(subjects.errLines()).hasSize(2).first().asString().contains("subjects must be between 1 and");
        assertThat(data).doesNotExist();
    }

    @Test
    void aCsvFileWithAnUnknownColumnIsRefusedBeforeTheDatabaseIsOpened() throws Exception {
        Path data = dir.resolve("data");
        Path csv = Files.writeString(dir.resolve("events.csv"), "eventId,kind\na,OVERDUE\n");

        CliRun run = CliRun.of("import", "--data-dir", data.toString(), "--institution", "abc", csv.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("unknown CSV column 'kind'; the columns are eventId, type, occurredAt");
        assertThat(data).doesNotExist();
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = CliRun.of("import", "--verbose", "--data-dir", dir.resolve("data").toString(), "--institution", "abc",
                dir.resolve("nope.ndjson").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines().get(0)).contains("nope.ndjson does not exist");
        assertThat(run.err()).contains("\tat dev.signals.bootstrap.cli.ImportCommand");
    }

    @Test
    void everyCommandPrintsTheVersion() {
        for (String[] args : new String[][] {{"--version"}, {"import", "--version"}, {"generate", "--version"}}) {
            CliRun run = CliRun.of(args);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out().strip()).isEqualTo(SignalsVersion.VERSION);
        }
    }
}

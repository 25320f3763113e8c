package dev.signals.bootstrap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest {

    private static final String GOOD = "{\"eventId\":\"e%d\",\"type\":\"APPLICATION_RECEPTION\",\"occurredAt\":\"2024-07-30T08:00:00Z\",\"phone\":\"+639171234567\"}";
    private static final String BAD = "{\"eventId\":\"bad%d\",\"type\":\"NOPE\"}";

    @TempDir
    Path dir;

    @Test
    void progressToANonTerminalIsPlainLinesEndingOnOneSummaryLine() throws Exception {
        Path events = Files.write(dir.resolve("events.ndjson"),
                List.of(GOOD.formatted(1), BAD.formatted(2), GOOD.formatted(3), "", BAD.formatted(5), GOOD.formatted(6)));

        CliRun run = CliRun.of("import", "--data-dir", dir.resolve("data").toString(), "--institution", "abc", events.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).doesNotContain("\r");
        List<String> progress = run.errLines();
        assertThat(progress.get(progress.size() - 1)).startsWith("Imported " + events + ": 6 lines in ");
        assertThat(progress.subList(0, progress.size() - 1)).allMatch(line -> line.startsWith("Importing "));
        assertThat(progress).filteredOn(line -> line.startsWith("Imported")).hasSize(1);
        assertThat(run.out().lines()).containsExactly(
                "5 read, 3 accepted, 0 duplicates, 2 rejected",
                "  line 2 (bad2): type must be one of MARKETING, APPLICATION_RECEPTION, APPLICATION_APPROVAL, APPLICATION_REJECTION, "
                        + "LOAN_DISBURSEMENT, REPAYMENT_REMINDER, SUCCESSFUL_REPAYMENT, OVERDUE, DEBT, CAPTCHA, LENDING, PRELOAN, "
                        + "ARBITRARY, OTHER, was 'NOPE'",
                "  line 5 (bad5): type must be one of MARKETING, APPLICATION_RECEPTION, APPLICATION_APPROVAL, APPLICATION_REJECTION, "
                        + "LOAN_DISBURSEMENT, REPAYMENT_REMINDER, SUCCESSFUL_REPAYMENT, OVERDUE, DEBT, CAPTCHA, LENDING, PRELOAN, "
                        + "ARBITRARY, OTHER, was 'NOPE'");
    }

    @Test
    void everyLineAcceptedOrADuplicateIsZeroAndAgainOnlyDuplicates() throws Exception {
        Path events = Files.write(dir.resolve("events.ndjson"), List.of(GOOD.formatted(1), GOOD.formatted(2)));
        String[] args = {"import", "--data-dir", dir.resolve("data").toString(), "--institution", "abc", events.toString()};

        CliRun first = CliRun.of(args);
        CliRun again = CliRun.of(args);

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).startsWith("2 read, 2 accepted, 0 duplicates, 0 rejected");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("2 read, 0 accepted, 2 duplicates, 0 rejected");
    }

    @Test
    void theSummaryListsTheFirstRejectedLinesAndSaysHowToSeeThemAll() throws Exception {
        Path events = Files.write(dir.resolve("events.ndjson"), List.of(BAD.formatted(1), BAD.formatted(2), BAD.formatted(3)));

        CliRun run = CliRun.of("import", "--data-dir", dir.resolve("data").toString(), "--institution", "abc",
                "--show-rejected", "1", events.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out().lines()).hasSize(4).first().isEqualTo("3 read, 0 accepted, 0 duplicates, 3 rejected");
        assertThat(run.out().lines().skip(1)).satisfiesExactly(
                line -> assertThat(line).startsWith("  line 1 (bad1): "),
                line -> assertThat(line).isEqualTo("  ... and 2 more rejected lines"),
                line -> assertThat(line).isEqualTo("  (--show-rejected 3 lists them all)"));
    }

    @Test
    void linesAreCountedWithOrWithoutAFinalLineBreak() throws Exception {
        assertThat(ImportCommand.countLines(Files.writeString(dir.resolve("a"), "x\ny\n"))).isEqualTo(2);
        assertThat(ImportCommand.countLines(Files.writeString(dir.resolve("b"), "x\ny"))).isEqualTo(2);
        assertThat(ImportCommand.countLines(Files.writeString(dir.resolve("c"), ""))).isZero();
    }
}

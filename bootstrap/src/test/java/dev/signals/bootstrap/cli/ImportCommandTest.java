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
    void aRetractionsFileRetractsTheInstitutionsEventsAndAgainCountsThemAsAlreadyRetracted() throws Exception {
        String data = dir.resolve("data").toString();
        Path events = Files.write(dir.resolve("events.ndjson"), List.of(GOOD.formatted(1), GOOD.formatted(2)));
        assertThat(CliRun.of("import", "--data-dir", data, "--institution", "abc", events.toString()).exitCode()).isZero();
        Path retractions = Files.write(dir.resolve("retractions.ndjson"), List.of(
                "{\"eventId\":\"e1\",\"reason\":\"reported in error\"}", "{\"eventId\":\"e9\"}", "not json", "{\"eventId\":7}"));
        String[] args = {"import", "--data-dir", data, "--institution", "abc", "--retractions", retractions.toString()};

        CliRun first = CliRun.of(args);
        CliRun again = CliRun.of(args);
        CliRun otherInstitution = CliRun.of("import", "--data-dir", data, "--institution", "xyz", "--retractions",
                retractions.toString());

        assertThat(first.exitCode()).isEqualTo(3);
        assertThat(first.errLines().get(first.errLines().size() - 1)).startsWith("Retracted from " + retractions + ": 4 lines in ");
        assertThat(first.out().lines()).containsExactly(
                "4 read, 1 retracted, 0 already retracted, 3 rejected",
                "  line 2 (e9): this institution reported no event with eventId e9",
                "  line 3: the line is not valid JSON",
                "  line 4: eventId must be a string");
        assertThat(again.out()).startsWith("4 read, 0 retracted, 1 already retracted, 3 rejected");
        assertThat(otherInstitution.out()).startsWith("4 read, 0 retracted, 0 already retracted, 4 rejected")
                .contains("  line 1 (e1): this institution reported no event with eventId e1");
    }

    @Test
    void aCsvRetractionsFileNeedsAnEventIdColumnAndIsCheckedBeforeTheDatabaseIsOpened() throws Exception {
        Path wrong = Files.write(dir.resolve("wrong.csv"), List.of("id,reason", "e1,typo"));
        Path right = Files.write(dir.resolve("right.csv"), List.of("eventId,reason", "e1,\"typo, twice\"", "e2,"));
        String data = dir.resolve("data").toString();
        Path events = Files.write(dir.resolve("events.ndjson"), List.of(GOOD.formatted(1), GOOD.formatted(2)));
        assertThat(CliRun.of("import", "--data-dir", data, "--institution", "abc", events.toString()).exitCode()).isZero();

        CliRun refused = CliRun.of("import", "--data-dir", data, "--institution", "abc", "--retractions", wrong.toString());
        CliRun done = CliRun.of("import", "--data-dir", data, "--institution", "abc", "--retractions", right.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("unknown CSV column 'id'; a retractions file has the columns eventId, reason")
                .contains("nothing was imported");
        assertThat(done.exitCode()).isZero();
        assertThat(done.out()).startsWith("2 read, 2 retracted, 0 already retracted, 0 rejected");
    }

    @Test
    void linesAreCountedWithOrWithoutAFinalLineBreak() throws Exception {
        assertThat(ImportCommand.countLines(Files.writeString(dir.resolve("a"), "x\ny\n"))).isEqualTo(2);
        assertThat(ImportCommand.countLines(Files.writeString(dir.resolve("b"), "x\ny"))).isEqualTo(2);
        assertThat(ImportCommand.countLines(Files.writeString(dir.resolve("c"), ""))).isZero();
    }
}

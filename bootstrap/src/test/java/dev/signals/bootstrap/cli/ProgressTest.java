package dev.signals.bootstrap.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private static final String NL = System.lineSeparator();

    @Test
    void elsewhereThanOnATerminalItIsPlainLinesEndingOnTheFinalOne() {
        StringWriter out = new StringWriter();
        Progress progress = new Progress("Importing", "lines", 3, new PrintWriter(out), false);
        progress.update(1, 0, 0, 0);
        progress.update(3, 2, 0, 1);

        progress.finish("Imported 3 lines");

        // Progress lines come from a timer, so there may be none yet: only the final line is sure to be there.
        assertThat(out.toString()).doesNotContain("\r").endsWith("Imported 3 lines" + NL).containsOnlyOnce("Imported 3 lines");
        assertThat(out.toString().lines()).last().isEqualTo("Imported 3 lines");
        assertThat(out.toString().lines()).allMatch(line -> line.startsWith("Importing ") || line.equals("Imported 3 lines"));
    }

    @Test
    void onATerminalItIsRedrawnInPlaceAndEndsOnTheFinalLine() {
        StringWriter out = new StringWriter();
        Progress progress = new Progress("Importing", "lines", 3, new PrintWriter(out), true);
        progress.update(3, 3, 0, 0);

        progress.finish("Imported 3 lines");

        String written = out.toString();
        assertThat(written).endsWith(NL).containsOnlyOnce(NL).containsOnlyOnce("Imported 3 lines");
        assertThat(written.substring(written.lastIndexOf('\r') + 1).strip()).isEqualTo("Imported 3 lines");
    }

    @Test
    void aFailedTaskEndsTheLineOfItsProgress() {
        StringWriter out = new StringWriter();
        try (Progress progress = new Progress("Importing", "lines", 3, new PrintWriter(out), false)) {
            progress.update(1, 0, 0, 0);
        }

        assertThat(out.toString()).doesNotContain("Imported");
        assertThat(out.toString().isEmpty() || out.toString().endsWith(NL)).isTrue();
    }

    @Test
    void aLineSaysHowFarHowLongToGoAndTheTallySoFarMostTellingFirst() {
        String line = Progress.Line.text("Importing", 900_000, 2_000_000, "lines", Duration.ofSeconds(20),
                "899,000 accepted, 1,000 rejected", false, Integer.MAX_VALUE);

        assertThat(line).isEqualTo("Importing 45%: 900,000 of 2,000,000 lines, about 0:00:24 to go; 899,000 accepted, 1,000 rejected");
    }

    @Test
    void onATerminalALineGetsABarWhenThereIsRoomAndIsCutAtItsWidth() {
        String wide = Progress.Line.text("Importing", 1, 2, "lines", Duration.ofSeconds(1), "", true, 120);
        String narrow = Progress.Line.text("Importing", 1, 2, "lines", Duration.ofSeconds(1), "1 accepted, 0 rejected", true, 40);

        assertThat(wide).isEqualTo("[===============               ] Importing 50%: 1 of 2 lines, about 0:00:01 to go");
        assertThat(narrow).hasSize(40).startsWith("Importing 50%: 1 of 2 lines");
    }
}

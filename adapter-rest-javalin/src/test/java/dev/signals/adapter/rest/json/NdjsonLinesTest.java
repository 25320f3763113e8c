package dev.signals.adapter.rest.json;

import dev.signals.adapter.rest.json.NdjsonLines.Line;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NdjsonLinesTest {

    @Test
    void linesAreNumberedFromZeroAndBlankLinesKeepTheirNumber() throws IOException {
        List<Line> lines = read("{\"a\":1}\n\n  \r\n{\"b\":2}\r\n{\"c\":3}", 1_000, 100);

        assertThat(lines).extracting(Line::number).containsExactly(0, 1, 2, 3, 4);
        assertThat(lines).extracting(Line::text).containsExactly("{\"a\":1}", "", "  ", "{\"b\":2}", "{\"c\":3}");
        assertThat(lines).extracting(Line::isBlank).containsExactly(false, true, true, false, false);
    }

    @Test
    void aFinalNewlineEndsTheLastLineWithoutAddingAnother() throws IOException {
        assertThat(read("x\ny\n", 1_000, 100)).extracting(Line::text).containsExactly("x", "y");
        assertThat(read("", 1_000, 100)).isEmpty();
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsSkipped() throws IOException {
        byte[] body = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{}\n{}".getBytes(StandardCharsets.UTF_8));

        assertThat(read(body, 1_000, 100)).extracting(Line::text).containsExactly("{}", "{}");
    }

    @Test
    void linesLongerThanTheBufferAreJoinedWhole() throws IOException {
        String longLine = "x".repeat(200_000);

        List<Line> lines = read(longLine + "\nshort", 1_000_000, 300_000);

        assertThat(lines).extracting(Line::text).containsExactly(longLine, "short");
    }

    @Test
    void aLineOverItsLimitIsAProblemAndTheNextLineIsReadAsUsual() throws IOException {
        List<Line> lines = read("x".repeat(11) + "\n" + "y".repeat(10) + "\r\n" + "z".repeat(100_000) + "\nlast", 1_000_000, 10);

        assertThat(lines).extracting(Line::number).containsExactly(0, 1, 2, 3);
        assertThat(lines.get(0).text()).isNull();
        assertThat(lines.get(0).problem()).isEqualTo("the line is longer than the 10 bytes an event may take");
        assertThat(lines.get(1).text()).isEqualTo("y".repeat(10));
        assertThat(lines.get(2).problem()).isNotNull();
        assertThat(lines.get(3).text()).isEqualTo("last");
    }

    @Test
    void aLineThatIsNotUtf8IsAProblem() throws IOException {
        byte[] body = concat(new byte[]{'{', (byte) 0xC3, '}', '\n'}, "é".getBytes(StandardCharsets.UTF_8));

        List<Line> lines = read(body, 1_000, 100);

        assertThat(lines.get(0).problem()).isEqualTo("the line is not UTF-8 text");
        assertThat(lines.get(1).text()).isEqualTo("é");
    }

    @Test
    void readingPastTheBodyLimitThrowsAfterTheLinesBeforeIt() throws IOException {
        InputStream body = new ByteArrayInputStream(("a\n".repeat(40_000) + "b".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        List<Line> lines = new ArrayList<>();

        try (NdjsonLines reader = new NdjsonLines(body, 100_000, 1_000_000)) {
            assertThatThrownBy(() -> {
                for (Line line = reader.next(); line != null; line = reader.next()) {
                    lines.add(line);
                }
            }).isInstanceOf(NdjsonLines.TooLargeException.class);
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(32_768).allMatch(line -> line.text().equals("a"));
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws IOException {
        assertThat(read("a\n".repeat(500), 1_000, 10)).hasSize(500);
    }

    private static List<Line> read(String body, long maxBytes, int maxLineBytes) throws IOException {
        return read(body.getBytes(StandardCharsets.UTF_8), maxBytes, maxLineBytes);
    }

    private static List<Line> read(byte[] body, long maxBytes, int maxLineBytes) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (NdjsonLines reader = new NdjsonLines(new ByteArrayInputStream(body), maxBytes, maxLineBytes)) {
            for (Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}

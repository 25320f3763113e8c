package dev.signals.bootstrap.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * NDJSON, one JSON object a line, each read on its own (events, retractions); blank lines are skipped, and line
 * numbers are kept, so that a rejection names its line.
 */
public final class NdjsonFile {

    /** Reads one line, {@code number} counted from 1; an unreadable line comes back as a report that says why. */
    @FunctionalInterface
    public interface LineReader<T> {
        T read(int number, String line);
    }

    private NdjsonFile() {
    }

    public static <T> void read(BufferedReader source, LineReader<T> reader, Consumer<T> sink) throws IOException {
        String line;
        int number = 0;
        while ((line = source.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
                sink.accept(reader.read(number, line));
            }
        }
    }
}

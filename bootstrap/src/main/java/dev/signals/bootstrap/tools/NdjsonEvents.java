package dev.signals.bootstrap.tools;

import dev.signals.adapter.rest.json.EventJson;
import dev.signals.application.port.in.EventReport;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/** Events from NDJSON, one JSON object a line; blank lines are skipped, and line numbers are kept. */
public final class NdjsonEvents {

    private NdjsonEvents() {
    }

    public static void read(BufferedReader source, Consumer<EventReport> sink) throws IOException {
        String line;
        int number = 0;
        while ((line = source.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
                sink.accept(EventJson.readLine(number, line));
            }
        }
    }
}

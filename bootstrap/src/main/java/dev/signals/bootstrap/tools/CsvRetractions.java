package dev.signals.bootstrap.tools;

import dev.signals.application.port.in.RetractionReport;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.function.Consumer;

import static dev.signals.bootstrap.tools.CsvCells.cell;

/**
 * Retractions from CSV: a header row naming the columns {@code eventId} and, optionally, {@code reason} (contract
 * section 4.1); an empty cell is an absent value.
 */
public final class CsvRetractions {

    static final List<String> COLUMNS = List.of("eventId", "reason");

    private CsvRetractions() {
    }

    /**
     * Reads only the header row and refuses a file without an eventId column or with an unknown one.
     *
     * @throws IllegalArgumentException naming the column and the known ones
     */
    public static void checkHeader(Reader source) throws IOException {
        try (CSVParser parser = CSVParser.parse(source, CsvCells.FORMAT)) {
            requireColumns(parser);
        }
    }

    /** Hands each data line to {@code sink} as a retraction whose index is its line number. */
    public static void read(Reader source, Consumer<RetractionReport> sink) throws IOException {
        try (CSVParser parser = CSVParser.parse(source, CsvCells.FORMAT)) {
            requireColumns(parser);
            for (CSVRecord record : parser) {
                sink.accept(new RetractionReport((int) parser.getCurrentLineNumber(), cell(record, "eventId"),
                        cell(record, "reason")));
            }
        }
    }

    private static void requireColumns(CSVParser parser) {
        List<String> header = parser.getHeaderNames();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                throw new IllegalArgumentException("unknown CSV column '" + column + "'; a retractions file has the "
                        + "columns " + String.join(", ", COLUMNS));
            }
        }
        if (!header.contains("eventId")) {
            throw new IllegalArgumentException("a retractions file needs the column eventId (and may have reason)");
        }
    }
}

package dev.signals.bootstrap.tools;

import dev.signals.application.port.in.EventReport;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static dev.signals.bootstrap.tools.CsvCells.cell;

/**
 * Events from CSV: a header row naming the columns with the fields of contract section 4 ({@code eventId,
 * type, occurredAt, reportedAt, phone, countryCode, emailAddress, amount, overdueDays, autoRepayment}),
 * in any order; empty cells are absent values. A cell that cannot be read rejects its line, with the
 * reason, and the others go on.
 */
public final class CsvEvents {

    /** In the order of contract section 4, which is the order error messages name them in. */
    static final List<String> COLUMNS = List.of("eventId", "type", "occurredAt", "reportedAt", "phone", "countryCode",
            "emailAddress", "amount", "overdueDays", "autoRepayment");

    private CsvEvents() {
    }

    /**
     * Reads only the header row and refuses an unknown column, so that a wrong file can be refused before
     * anything is opened or imported.
     *
     * @throws IllegalArgumentException naming the unknown column and the known ones
     */
    public static void checkHeader(Reader source) throws IOException {
        try (CSVParser parser = CSVParser.parse(source, CsvCells.FORMAT)) {
            requireKnownColumns(parser);
        }
    }

    /** Hands each data line to {@code sink} as an event report whose index is its line number. */
    public static void read(Reader source, Consumer<EventReport> sink) throws IOException {
        try (CSVParser parser = CSVParser.parse(source, CsvCells.FORMAT)) {
            requireKnownColumns(parser);
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                sink.accept(toReport(record));
            }
        }
    }

    private static void requireKnownColumns(CSVParser parser) {
        for (String column : parser.getHeaderNames()) {
            if (!COLUMNS.contains(column)) {
                throw new IllegalArgumentException("unknown CSV column '" + column + "'; the columns are "
                        + String.join(", ", COLUMNS));
            }
        }
    }

    private static EventReport toReport(CSVRecord record) {
        int line = (int) record.getParser().getCurrentLineNumber();
        String eventId = cell(record, "eventId");
        try {
            return new EventReport(line, eventId, cell(record, "type"), cell(record, "phone"), cell(record, "countryCode"),
                    cell(record, "emailAddress"), instant(record, "occurredAt"), instant(record, "reportedAt"),
                    decimal(record, "amount"), integer(record, "overdueDays"), bool(record, "autoRepayment"), null);
        } catch (IllegalArgumentException e) {
            return EventReport.unreadable(line, eventId, e.getMessage());
        }
    }

    private static Instant instant(CSVRecord record, String column) {
        String value = cell(record, column);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + " must be an ISO-8601 timestamp such as 2024-07-30T08:00:00Z");
        }
    }

    private static BigDecimal decimal(CSVRecord record, String column) {
        String value = cell(record, column);
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a number such as 1520.50");
        }
    }

    private static Integer integer(CSVRecord record, String column) {
        String value = cell(record, column);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a whole number");
        }
    }

    private static Boolean bool(CSVRecord record, String column) {
        String value = cell(record, column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(column + " must be true or false");
        };
    }
}

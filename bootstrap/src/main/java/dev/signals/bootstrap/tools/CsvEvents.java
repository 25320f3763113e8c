package dev.signals.bootstrap.tools;

import dev.signals.application.port.in.EventReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Events from CSV: a header row naming the columns with the fields of contract section 4 ({@code eventId,
 * type, occurredAt, reportedAt, phone, countryCode, emailAddress, amount, overdueDays, autoRepayment}),
 * in any order; empty cells are absent values. A cell that cannot be read rejects its line, with the
 * reason, and the others go on.
 */
public final class CsvEvents {

    static final Set<String> COLUMNS = Set.of("eventId", "type", "occurredAt", "reportedAt", "phone", "countryCode",
            "emailAddress", "amount", "overdueDays", "autoRepayment");

    private CsvEvents() {
    }

    /** Hands each data line to {@code sink} as an event report whose index is its line number. */
    public static void read(Reader source, Consumer<EventReport> sink) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(source, format)) {
            for (String column : parser.getHeaderNames()) {
                if (!COLUMNS.contains(column)) {
                    throw new IllegalArgumentException("unknown CSV column '" + column + "'; the columns are " + COLUMNS);
                }
            }
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                sink.accept(toReport(record));
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

    private static String cell(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value.isEmpty() ? null : value;
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

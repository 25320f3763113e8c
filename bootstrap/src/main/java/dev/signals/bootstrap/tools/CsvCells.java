package dev.signals.bootstrap.tools;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** How the import reads a CSV file, events or retractions alike: a header row, trimmed cells, empty meaning absent. */
final class CsvCells {

    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
            .setIgnoreEmptyLines(true).get();

    private CsvCells() {
    }

    /** The record's value of {@code column}, null when the file has no such column or the cell is empty. */
    static String cell(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value.isEmpty() ? null : value;
    }
}

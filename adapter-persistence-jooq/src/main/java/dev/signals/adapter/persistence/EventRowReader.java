package dev.signals.adapter.persistence;

import dev.signals.domain.event.Event;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.SelectField;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;

/**
 * Many {@code event} rows read fast: the statement rendered by jOOQ, the rows read with JDBC straight into events.
 * Building a jOOQ record per row, its instants parsed from text, was a third of an explained request's time and
 * most of a node's reading of the journal (JFR profiles of ExplanationBenchmark and ConvergenceBenchmark). A
 * query selects {@link #EVENT_COLUMNS} first, then any columns of its own, which {@link Row} reads by position.
 */
final class EventRowReader {

    /** The columns of an {@link Event}, in the order {@link Row#event()} reads them. */
    static final List<Field<?>> EVENT_COLUMNS = List.of(EVENT.EVENT_ID, EVENT.INSTITUTION_ID, EVENT.TYPE, EVENT.PHONE,
            EVENT.EMAIL_ADDRESS, EVENT.OCCURRED_AT, EVENT.REPORTED_AT, EVENT.AMOUNT, EVENT.OVERDUE_DAYS,
            EVENT.AUTO_REPAYMENT);

    /** One row of a query, at the JDBC cursor. */
    static final class Row {

        private final ResultSet rows;

        private Row(ResultSet rows) {
            this.rows = rows;
        }

        Event event() throws SQLException {
            return EventMapper.toEvent(rows.getString(1), rows.getString(2), rows.getShort(3), rows.getString(4),
                    rows.getString(5), rows.getObject(6, OffsetDateTime.class), rows.getObject(7, OffsetDateTime.class),
                    rows.getBigDecimal(8), rows.getObject(9, Integer.class), rows.getObject(10, Boolean.class));
        }

        /** The query's own {@code n}-th column after the event's, from 1. */
        Long longAfterEvent(int n) throws SQLException {
            return rows.getObject(EVENT_COLUMNS.size() + n, Long.class);
        }

        /** The query's own {@code n}-th column after the event's, from 1. */
        OffsetDateTime instantAfterEvent(int n) throws SQLException {
            return rows.getObject(EVENT_COLUMNS.size() + n, OffsetDateTime.class);
        }
    }

    /** What to make of one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(Row row) throws SQLException;
    }

    private EventRowReader() {
    }

    /** The columns a query selects: the event's, then {@code more}. */
    static List<SelectField<?>> columns(SelectField<?>... more) {
        List<SelectField<?>> columns = new ArrayList<>(EVENT_COLUMNS);
        columns.addAll(List.of(more));
        return columns;
    }

    /** Runs the query on the context's connection and maps every row, in order. */
    static <T> List<T> read(DSLContext dsl, ResultQuery<?> query, RowMapper<T> mapper) {
        String sql = dsl.render(query);
        List<Object> bindings = query.getBindValues();
        return dsl.connectionResult(connection -> {
            List<T> mapped = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < bindings.size(); i++) {
                    statement.setObject(i + 1, bindings.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    Row row = new Row(rows);
                    while (rows.next()) {
                        mapped.add(mapper.map(row));
                    }
                }
            }
            return mapped;
        });
    }
}

package dev.signals.adapter.persistence;

import dev.signals.application.port.out.SubjectRecordsPort;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import org.jooq.Condition;
import org.jooq.Query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT_RETRACTION;

/**
 * A subject's events straight from the journal, each with its retraction when it has one, by the indexes on
 * {@code event.phone} and {@code event.email_address} (V10), in one statement.
 */
final class JooqSubjectRecords implements SubjectRecordsPort {

    private final Statements statements;

    JooqSubjectRecords(Database database) {
        this.statements = new Statements(database);
    }

    @Override
    public SubjectRecords ofPhone(PhoneNumber phone) {
        return recordsWhere(EVENT.PHONE.eq(phone.e164()));
    }

    @Override
    public SubjectRecords ofEmailAddress(EmailAddress emailAddress) {
        return recordsWhere(EVENT.EMAIL_ADDRESS.eq(emailAddress.value()));
    }

    /**
     * Rendered by jOOQ, read with JDBC: an explained request reads up to thousands of rows, and jOOQ building a
     * record per row, its instants parsed from text, was a third of the explanation's time (ExplanationBenchmark).
     */
    private SubjectRecords recordsWhere(Condition subject) {
        return statements.run(dsl -> {
            Query query = dsl.select(EVENT.EVENT_ID, EVENT.INSTITUTION_ID, EVENT.TYPE, EVENT.PHONE, EVENT.EMAIL_ADDRESS,
                            EVENT.OCCURRED_AT, EVENT.REPORTED_AT, EVENT.AMOUNT, EVENT.OVERDUE_DAYS, EVENT.AUTO_REPAYMENT,
                            EVENT_RETRACTION.RETRACTED_AT)
                    .from(EVENT).leftJoin(EVENT_RETRACTION).on(EVENT_RETRACTION.EVENT_SEQ.eq(EVENT.SEQ))
                    .where(subject)
                    .orderBy(EVENT.SEQ);
            String sql = dsl.render(query);
            List<Object> bindings = query.getBindValues();
            return dsl.connectionResult(connection -> {
                List<Event> events = new ArrayList<>();
                List<RetractedEvent> retractions = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < bindings.size(); i++) {
                        statement.setObject(i + 1, bindings.get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            Event event = EventMapper.toEvent(rows.getString(1), rows.getString(2), rows.getShort(3),
                                    rows.getString(4), rows.getString(5), rows.getObject(6, OffsetDateTime.class),
                                    rows.getObject(7, OffsetDateTime.class), rows.getBigDecimal(8),
                                    rows.getObject(9, Integer.class), rows.getObject(10, Boolean.class));
                            events.add(event);
                            OffsetDateTime retractedAt = rows.getObject(11, OffsetDateTime.class);
                            if (retractedAt != null) {
                                retractions.add(new RetractedEvent(event, Timestamps.fromColumn(retractedAt)));
                            }
                        }
                    }
                }
                return new SubjectRecords(events, retractions);
            });
        });
    }
}

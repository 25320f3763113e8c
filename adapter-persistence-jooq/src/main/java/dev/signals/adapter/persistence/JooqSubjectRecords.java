package dev.signals.adapter.persistence;

import dev.signals.application.port.out.SubjectRecordsPort;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import org.jooq.Condition;

import java.time.Instant;
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

    private SubjectRecords recordsWhere(Condition subject) {
        List<RecordedEvent> rows = statements.run(dsl -> EventRowReader.read(dsl,
                dsl.select(EventRowReader.columns(EVENT_RETRACTION.RETRACTED_AT))
                        .from(EVENT).leftJoin(EVENT_RETRACTION).on(EVENT_RETRACTION.EVENT_SEQ.eq(EVENT.SEQ))
                        .where(subject)
                        .orderBy(EVENT.SEQ),
                row -> new RecordedEvent(row.event(), Timestamps.fromColumn(row.instantAfterEvent(1)))));
        return new SubjectRecords(rows.stream().map(RecordedEvent::event).toList(),
                rows.stream().filter(row -> row.retractedAt() != null)
                        .map(row -> new RetractedEvent(row.event(), row.retractedAt())).toList());
    }

    /** An event and, when it was retracted, the instant. */
    private record RecordedEvent(Event event, Instant retractedAt) {
    }
}

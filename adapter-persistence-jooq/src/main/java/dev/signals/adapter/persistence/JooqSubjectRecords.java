package dev.signals.adapter.persistence;

import dev.signals.application.port.out.SubjectRecordsPort;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT_RETRACTION;

/**
 * Some institutions' events of a subject straight from the journal, each with its retraction when it has one, in one
 * statement, by the indexes on {@code (phone, institution_id)} and {@code (email_address, institution_id)} (V15): the
 * rows read are those institutions', not all of the subject's. The institution ids go in as plain parameters, which H2
 * needs to look an IN list up in an index ({@link JooqEventJournal#lookup}).
 */
final class JooqSubjectRecords implements SubjectRecordsPort {

    private final Statements statements;

    JooqSubjectRecords(Database database) {
        this.statements = new Statements(database);
    }

    @Override
    public SubjectRecords ofPhone(PhoneNumber phone, Set<InstitutionId> institutions) {
        return recordsWhere(EVENT.PHONE.eq(phone.e164()), institutions);
    }

    @Override
    public SubjectRecords ofEmailAddress(EmailAddress emailAddress, Set<InstitutionId> institutions) {
        return recordsWhere(EVENT.EMAIL_ADDRESS.eq(emailAddress.value()), institutions);
    }

    @Override
    public SubjectRecords allOfPhone(PhoneNumber phone) {
        return recordsWhere(EVENT.PHONE.eq(phone.e164()), null);
    }

    @Override
    public SubjectRecords allOfEmailAddress(EmailAddress emailAddress) {
        return recordsWhere(EVENT.EMAIL_ADDRESS.eq(emailAddress.value()), null);
    }

    /** The subject's events of these institutions, or of all when {@code institutions} is null. */
    private SubjectRecords recordsWhere(Condition subject, Set<InstitutionId> institutions) {
        if (institutions != null && institutions.isEmpty()) {
            return new SubjectRecords(List.of(), List.of());
        }
        List<RecordedEvent> rows = statements.run(dsl -> EventRowReader.read(dsl, query(dsl, subject, institutions),
                row -> new RecordedEvent(row.event(), Timestamps.fromColumn(row.instantAfterEvent(1)))));
        return new SubjectRecords(rows.stream().map(RecordedEvent::event).toList(),
                rows.stream().filter(row -> row.retractedAt() != null)
                        .map(row -> new RetractedEvent(row.event(), row.retractedAt())).toList());
    }

    /**
     * The institutions' events of the subject (all of its events for null) with their retractions: the columns
     * {@link EventRowReader} reads, then retracted_at.
     */
    static ResultQuery<Record> query(DSLContext dsl, Condition subject, Set<InstitutionId> institutions) {
        Condition whose = institutions == null ? DSL.noCondition()
                : EVENT.INSTITUTION_ID.in(institutions.stream().map(InstitutionId::value).sorted().toList());
        return Statements.withPlainParameters(dsl).select(EventRowReader.columns(EVENT_RETRACTION.RETRACTED_AT))
                .from(EVENT).leftJoin(EVENT_RETRACTION).on(EVENT_RETRACTION.EVENT_SEQ.eq(EVENT.SEQ))
                .where(subject)
                .and(whose)
                .orderBy(EVENT.SEQ);
    }

    /** An event and, when it was retracted, the instant. */
    private record RecordedEvent(Event event, Instant retractedAt) {
    }
}

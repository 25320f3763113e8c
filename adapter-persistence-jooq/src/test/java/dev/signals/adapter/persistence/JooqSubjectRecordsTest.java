package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.Tables;
import dev.signals.application.port.out.SubjectRecordsPort.SubjectRecords;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.event.Retraction;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A subject's records straight from the journal (contract section 2.5): some institutions' events, each field, and retractions. */
class JooqSubjectRecordsTest {

    private static final InstitutionId LENDER = new InstitutionId("lender-a");
    private static final InstitutionId OTHER = new InstitutionId("lender-b");
    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    private static final EmailAddress EMAIL = new EmailAddress("juan@example.com");
    private static final Instant T = Instant.parse("2024-08-01T00:00:00.000001Z");
    private static final Instant RETRACTED_AT = Instant.parse("2024-09-01T10:00:00.123456Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aPhoneOrAnEmailAddressFindsTheInstitutionsEventsItIsTheSubjectOfWithTheirRetractions(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            Event phoneOnly = new Event("p", LENDER, EventType.OVERDUE, PHONE, null, T, T.plusSeconds(60),
                    new BigDecimal("1520.50"), 12, false);
            Event both = new Event("b", LENDER, EventType.LOAN_DISBURSEMENT, PHONE, EMAIL, T, T, new BigDecimal("25000.00"),
                    null, null);
            Event emailOnly = new Event("e", OTHER, EventType.APPLICATION_RECEPTION, null, EMAIL, T, T, null, null, null);
            Event elsewhere = new Event("x", OTHER, EventType.DEBT, new PhoneNumber("+639171234568"), null, T, T, null, null, null);
            journal.append(LENDER, List.of(phoneOnly, both));
            journal.append(OTHER, List.of(emailOnly, elsewhere));
            journal.retract(LENDER, List.of(new Retraction("b", "reported in error")), RETRACTED_AT);
            var records = new JooqSubjectRecords(db.database());

            SubjectRecords byPhone = records.ofPhone(PHONE, Set.of(LENDER, OTHER));
            SubjectRecords byEmail = records.ofEmailAddress(EMAIL, Set.of(LENDER, OTHER));

            assertThat(byPhone.events()).containsExactlyInAnyOrder(phoneOnly, both);
            assertThat(byPhone.retractions()).containsExactly(new RetractedEvent(both, RETRACTED_AT));
            assertThat(byEmail.events()).containsExactlyInAnyOrder(both, emailOnly);
            assertThat(byEmail.retractions()).containsExactly(new RetractedEvent(both, RETRACTED_AT));
            assertThat(records.ofEmailAddress(EMAIL, Set.of(OTHER)).events()).containsExactly(emailOnly);
            assertThat(records.ofEmailAddress(EMAIL, Set.of(LENDER)).events()).containsExactly(both);
            assertThat(records.ofPhone(PHONE, Set.of(OTHER)).events()).isEmpty();
            assertThat(records.ofPhone(PHONE, Set.of()).events()).isEmpty();
            assertThat(records.ofPhone(new PhoneNumber("+639170000000"), Set.of(LENDER, OTHER)).events()).isEmpty();
        }
    }

    /**
     * An explanation reads the asking institution's rows of the subject, not all of them: H2's own account of the
     * query (EXPLAIN ANALYZE) names the subject-and-institution index and counts the rows it read (20 of 200).
     */
    @org.junit.jupiter.api.Test
    void anInstitutionsRecordsOfASubjectAreReadByTheSubjectAndInstitutionIndexOnH2() {
        try (var db = StartedDatabase.start(DatabaseKind.H2)) {
            var journal = new JooqEventJournal(db.database());
            for (int lender = 0; lender < 10; lender++) {
                InstitutionId institution = new InstitutionId("lender-" + lender);
                List<Event> events = new java.util.ArrayList<>();
                for (int n = 0; n < 20; n++) {
                    events.add(new Event("e-" + n, institution, EventType.LOAN_DISBURSEMENT, PHONE, EMAIL, T.plusSeconds(n),
                            T.plusSeconds(n), null, null, null));
                }
                journal.append(institution, events);
            }
            for (var subject : List.of(Tables.EVENT.PHONE.eq(PHONE.e164()), Tables.EVENT.EMAIL_ADDRESS.eq(EMAIL.value()))) {
                String sql = JooqSubjectRecords.query(db.dsl(), subject, Set.of(new InstitutionId("lender-3")))
                        .getSQL(org.jooq.conf.ParamType.INLINED);
                String plan = String.valueOf(db.dsl().fetchValue("EXPLAIN ANALYZE " + sql));
                assertThat(plan).as(plan).containsPattern("IX_EVENT_(PHONE|EMAIL_ADDRESS)_INSTITUTION");
                var scanned = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(plan);
                assertThat(scanned.find()).as(plan).isTrue();
                assertThat(Integer.parseInt(scanned.group(1))).as(plan).isBetween(20, 21);
            }
        }
    }
}

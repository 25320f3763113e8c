package dev.signals.adapter.persistence;

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

import static org.assertj.core.api.Assertions.assertThat;

/** A subject's records straight from the journal (contract section 2.5): all its events, each field, and retractions. */
class JooqSubjectRecordsTest {

    private static final InstitutionId LENDER = new InstitutionId("lender-a");
    private static final InstitutionId OTHER = new InstitutionId("lender-b");
    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    private static final EmailAddress EMAIL = new EmailAddress("juan@example.com");
    private static final Instant T = Instant.parse("2024-08-01T00:00:00.000001Z");
    private static final Instant RETRACTED_AT = Instant.parse("2024-09-01T10:00:00.123456Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aPhoneOrAnEmailAddressFindsEveryEventItIsTheSubjectOfWithItsRetraction(DatabaseKind kind) {
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

            SubjectRecords byPhone = records.ofPhone(PHONE);
            SubjectRecords byEmail = records.ofEmailAddress(EMAIL);

            assertThat(byPhone.events()).containsExactlyInAnyOrder(phoneOnly, both);
            assertThat(byPhone.retractions()).containsExactly(new RetractedEvent(both, RETRACTED_AT));
            assertThat(byEmail.events()).containsExactlyInAnyOrder(both, emailOnly);
            assertThat(byEmail.retractions()).containsExactly(new RetractedEvent(both, RETRACTED_AT));
            assertThat(records.ofPhone(new PhoneNumber("+639170000000")).events()).isEmpty();
        }
    }
}

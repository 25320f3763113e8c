package dev.signals.domain.event;

import static dev.signals.domain.catalogue.EventType.DEBT;
import static dev.signals.domain.catalogue.EventType.LOAN_DISBURSEMENT;
import static dev.signals.domain.catalogue.EventType.OVERDUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.subject.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EventTest {

    private static void assertInvalid(String field, String message, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void anOverdueEventCarriesAmountDaysAndAutoRepayment() {
        Event event = EventBuilder.an(OVERDUE).amount("1520.5").overdueDays(12).autoRepayment(false).build();

        assertThat(event.amount()).isEqualByComparingTo("1520.50");
        assertThat(event.amount().scale()).isEqualTo(2);
        assertThat(event.overdueDays()).isEqualTo(12);
        assertThat(event.autoRepayment()).isFalse();
    }

    @Test
    void amountIsNotNegative() {
        assertInvalid("amount", "amount must be >= 0 with at most 2 decimals, was -1.5",
                () -> EventBuilder.an(DEBT).amount("-1.5").build());
    }

    @Test
    void amountHasAtMostTwoDecimals() {
        assertInvalid("amount", "at most 2 decimals, was 10.005", () -> EventBuilder.an(DEBT).amount("10.005").build());
        assertThat(EventBuilder.an(DEBT).amount("10.500").build().amount()).isEqualTo(new BigDecimal("10.50"));
        assertThat(EventBuilder.an(DEBT).amount("0").build().amount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(EventBuilder.an(DEBT).amount("1E+3").build().amount()).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void amountHasAtMostThirteenIntegerDigits() {
        assertThat(EventBuilder.an(DEBT).amount("9999999999999.99").build().amount())
                .isEqualTo(new BigDecimal("9999999999999.99"));
        assertInvalid("amount", "at most 13 digits before the decimal point",
                () -> EventBuilder.an(DEBT).amount("10000000000000").build());
    }

    @Test
    void overdueDaysOnlyOnOverdueEvents() {
        assertInvalid("overdueDays", "overdueDays is allowed only on OVERDUE events, this is a DEBT event",
                () -> EventBuilder.an(DEBT).overdueDays(3).build());
        assertInvalid("autoRepayment", "only on OVERDUE events",
                () -> EventBuilder.an(LOAN_DISBURSEMENT).autoRepayment(true).build());
    }

    @Test
    void overdueDaysAreNotNegative() {
        assertInvalid("overdueDays", ">= 0, was -1", () -> EventBuilder.an(OVERDUE).overdueDays(-1).build());
        assertThat(EventBuilder.an(OVERDUE).overdueDays(0).build().overdueDays()).isZero();
    }

    @Test
    void needsAPhoneOrAnEmail() {
        assertInvalid("phone", "a phone, an emailAddress or both", () -> EventBuilder.an(DEBT).phone(null).build());
        assertThat(EventBuilder.an(DEBT).phone(null).email("juan@example.ph").build().subjectKeys())
                .containsExactly("email:juan@example.ph");
        assertThat(EventBuilder.an(DEBT).email("juan@example.ph").build().subjectKeys()).hasSize(4);
    }

    @Test
    void eventIdHasOneTo128Characters() {
        assertInvalid("eventId", "1 to 128 characters", () -> EventBuilder.an(DEBT).id("").build());
        assertInvalid("eventId", "1 to 128 characters", () -> EventBuilder.an(DEBT).id("x".repeat(129)).build());
        assertThat(EventBuilder.an(DEBT).id("x".repeat(128)).build().eventId()).hasSize(128);
    }

    @Test
    void typeIsRequired() {
        assertInvalid("type", "type is required; one of MARKETING", () -> EventBuilder.an(null).build());
    }

    @Test
    void instantsCarryAtMostMicroseconds() {
        assertInvalid("occurredAt", "at most 6 fractional digits",
                () -> EventBuilder.an(DEBT).occurredAt("2024-08-01T00:00:00.0000001Z").build());
        assertInvalid("reportedAt", "at most 6 fractional digits",
                () -> EventBuilder.an(DEBT).reportedAt("2024-08-01T00:00:00.123456789Z").build());
        assertThatCode(() -> EventBuilder.an(DEBT).occurredAt("2024-08-01T00:00:00.123456Z").build())
                .doesNotThrowAnyException();
    }

    @Test
    void instantsAreRequired() {
        assertInvalid("occurredAt", "occurredAt is required", () -> EventBuilder.an(DEBT).occurredAt((Instant) null)
                .reportedAt("2024-08-01T00:00:00Z").build());
    }

    @Test
    void reportedAtMayBeBeforeOccurredAt() {
        Event backFilled = EventBuilder.an(DEBT).occurredAt("2024-08-02T00:00:00Z").reportedAt("2024-08-01T00:00:00Z")
                .build();

        assertThat(backFilled.reportedAt()).isBefore(backFilled.occurredAt());
    }

    @Test
    void occurredAtMayNotBeInTheFuture() {
        Event event = EventBuilder.an(DEBT).occurredAt("2024-08-01T00:00:00.000001Z")
                .reportedAt("2024-07-01T00:00:00Z").build();

        assertInvalid("occurredAt", "occurredAt may not be in the future",
                () -> event.checkAgainstReceipt(Instant.parse("2024-08-01T00:00:00Z")));
        assertThatCode(() -> event.checkAgainstReceipt(Instant.parse("2024-08-01T00:00:00.000001Z")))
                .doesNotThrowAnyException();
    }

    @Test
    void reportedAtMayNotBeLaterThanReceipt() {
        Event event = EventBuilder.an(DEBT).occurredAt("2024-07-01T00:00:00Z").reportedAt("2024-08-02T00:00:00Z")
                .build();

        assertInvalid("reportedAt", "reportedAt may not be later than when the service received the event",
                () -> event.checkAgainstReceipt(Instant.parse("2024-08-01T00:00:00Z")));
    }

    @Test
    void reportedAtDefaultsToTheTimeOfReceipt() {
        Instant receivedAt = Instant.parse("2024-08-05T10:00:00.123456789Z");

        Event event = Event.received("e-1", new InstitutionId("inst-a"), DEBT, new PhoneNumber("+639171234567"), null,
                Instant.parse("2024-08-01T00:00:00Z"), null, new BigDecimal("10"), null, null, receivedAt);

        assertThat(event.reportedAt()).isEqualTo(Instant.parse("2024-08-05T10:00:00.123456Z"));
        assertInvalid("occurredAt", "future", () -> Event.received("e-1", new InstitutionId("inst-a"), DEBT,
                new PhoneNumber("+639171234567"), null, Instant.parse("2024-08-06T00:00:00Z"), null, null, null, null,
                receivedAt));
    }

    @Test
    void sameContentIgnoresOnlyReportedAt() {
        Event first = EventBuilder.an(OVERDUE).amount("1520.5").overdueDays(12).reportedAt("2024-08-01T01:00:00Z")
                .build();
        Event retried = EventBuilder.an(OVERDUE).amount("1520.50").overdueDays(12).reportedAt("2024-08-03T00:00:00Z")
                .build();
        Event changed = EventBuilder.an(OVERDUE).amount("1520.51").overdueDays(12).build();

        assertThat(first.sameContentAs(retried)).isTrue();
        assertThat(first.sameContentAs(changed)).isFalse();
        assertThat(first.sameContentAs(EventBuilder.an(OVERDUE).amount("1520.5").overdueDays(13).build())).isFalse();
        assertThat(first.sameContentAs(EventBuilder.an(OVERDUE).amount("1520.5").overdueDays(12)
                .occurredAt("2024-08-01T00:00:01Z").build())).isFalse();
    }

    @Test
    void personalDataIsMaskedInToString() {
        Event event = EventBuilder.an(DEBT).email("juan@example.ph").build();

        assertThat(event.toString()).doesNotContain("1234567").doesNotContain("juan");
    }
}

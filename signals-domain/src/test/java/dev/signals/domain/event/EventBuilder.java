package dev.signals.domain.event;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Builds valid events for tests, with defaults for everything not under test: a PH phone,
 * institution {@code inst-a}, occurred and reported at 2024-08-01T00:00:00Z.
 */
public final class EventBuilder {

    private String eventId = "event-1";
    private InstitutionId institutionId = new InstitutionId("inst-a");
    private EventType type;
    private PhoneNumber phone = new PhoneNumber("+639171234567");
    private EmailAddress emailAddress;
    private Instant occurredAt = Instant.parse("2024-08-01T00:00:00Z");
    private Instant reportedAt;
    private BigDecimal amount;
    private Integer overdueDays;
    private Boolean autoRepayment;

    private EventBuilder(EventType type) {
        this.type = type;
    }

    public static EventBuilder an(EventType type) {
        return new EventBuilder(type);
    }

    public EventBuilder id(String value) {
        this.eventId = value;
        return this;
    }

    public EventBuilder institution(String value) {
        this.institutionId = new InstitutionId(value);
        return this;
    }

    public EventBuilder phone(String e164) {
        this.phone = e164 == null ? null : new PhoneNumber(e164);
        return this;
    }

    public EventBuilder email(String address) {
        this.emailAddress = address == null ? null : new EmailAddress(address);
        return this;
    }

    public EventBuilder occurredAt(Instant value) {
        this.occurredAt = value;
        return this;
    }

    public EventBuilder occurredAt(String iso) {
        return occurredAt(Instant.parse(iso));
    }

    /** Reported at this instant; by default an event is reported when it occurred. */
    public EventBuilder reportedAt(Instant value) {
        this.reportedAt = value;
        return this;
    }

    public EventBuilder reportedAt(String iso) {
        return reportedAt(Instant.parse(iso));
    }

    public EventBuilder amount(String value) {
        this.amount = value == null ? null : new BigDecimal(value);
        return this;
    }

    public EventBuilder overdueDays(Integer value) {
        this.overdueDays = value;
        return this;
    }

    public EventBuilder autoRepayment(Boolean value) {
        this.autoRepayment = value;
        return this;
    }

    public Event build() {
        return new Event(eventId, institutionId, type, phone, emailAddress, occurredAt,
                reportedAt == null ? occurredAt : reportedAt, amount, overdueDays, autoRepayment);
    }
}

package dev.signals.domain.event;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.Text;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.SubjectKeys;
import dev.signals.domain.time.ServiceInstant;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something an institution reports about a subject (CONTRACT §4). {@code eventId} (1–128
 * characters) is unique per institution. A phone, an e-mail address or both. {@code amount} is
 * optional, {@code >= 0}, with at most 2 decimals and 13 integer digits, and is held with scale 2.
 * {@code overdueDays} ({@code >= 0}) and {@code autoRepayment} are allowed only on OVERDUE events.
 * {@code reportedAt} is when the network learned of the event; it may be earlier than
 * {@code occurredAt}. Instants carry at most microseconds (what the database stores). Rules that
 * need the time of receipt are in {@link #checkAgainstReceipt(Instant)}.
 */
public record Event(
        String eventId,
        InstitutionId institutionId,
        EventType type,
        PhoneNumber phone,
        EmailAddress emailAddress,
        Instant occurredAt,
        Instant reportedAt,
        BigDecimal amount,
        Integer overdueDays,
        Boolean autoRepayment) {

    /** The longest event id, in characters. */
    public static final int MAX_EVENT_ID_LENGTH = 128;
    private static final int MAX_INTEGER_DIGITS = 13;

    public Event {
        if (eventId == null || eventId.isEmpty() || Text.length(eventId) > MAX_EVENT_ID_LENGTH) {
            throw new InvalidValueException("eventId",
                    "eventId is required and must have 1 to " + MAX_EVENT_ID_LENGTH + " characters");
        }
        Objects.requireNonNull(institutionId, "institutionId");
        if (type == null) {
            throw new InvalidValueException("type", "type is required; one of " + EventType.validNames());
        }
        if (phone == null && emailAddress == null) {
            throw new InvalidValueException("phone", "an event needs a phone, an emailAddress or both");
        }
        checkInstant("occurredAt", occurredAt);
        checkInstant("reportedAt", reportedAt);
        amount = checkedAmount(amount);
        if (overdueDays != null && type != EventType.OVERDUE) {
            throw new InvalidValueException("overdueDays",
                    "overdueDays is allowed only on OVERDUE events, this is a " + type + " event");
        }
        if (overdueDays != null && overdueDays < 0) {
            throw new InvalidValueException("overdueDays", "overdueDays must be an integer >= 0, was " + overdueDays);
        }
        if (autoRepayment != null && type != EventType.OVERDUE) {
            throw new InvalidValueException("autoRepayment",
                    "autoRepayment is allowed only on OVERDUE events, this is a " + type + " event");
        }
    }

    /**
     * The event as received at {@code receivedAt}: {@code reportedAt} defaults to the time of
     * receipt (to the microsecond), and the rules against receipt are checked.
     *
     * @param reportedAt when the network learned of it, or null for "now"
     * @throws InvalidValueException for any broken rule
     */
    public static Event received(String eventId, InstitutionId institutionId, EventType type,
                                 PhoneNumber phone, EmailAddress emailAddress, Instant occurredAt,
                                 Instant reportedAt, BigDecimal amount, Integer overdueDays,
                                 Boolean autoRepayment, Instant receivedAt) {
        Instant receipt = ServiceInstant.now(receivedAt).value();
        Event event = new Event(eventId, institutionId, type, phone, emailAddress, occurredAt,
                reportedAt == null ? receipt : reportedAt, amount, overdueDays, autoRepayment);
        event.checkAgainstReceipt(receipt);
        return event;
    }

    /**
     * The rules that depend on when the service received the event (CONTRACT §4):
     * {@code occurredAt} may not be in the future and {@code reportedAt} may not be later than
     * the receipt (a back-fill may set an earlier one).
     *
     * @throws InvalidValueException naming {@code occurredAt} or {@code reportedAt}
     */
    public void checkAgainstReceipt(Instant receivedAt) {
        if (occurredAt.isAfter(receivedAt)) {
            throw new InvalidValueException("occurredAt",
                    "occurredAt may not be in the future; it was " + occurredAt + ", the service received the event at "
                            + receivedAt);
        }
        if (reportedAt.isAfter(receivedAt)) {
            throw new InvalidValueException("reportedAt",
                    "reportedAt may not be later than when the service received the event (" + receivedAt
                            + "); it was " + reportedAt + ". Leave it out to mean the time of receipt");
        }
    }

    /**
     * Whether {@code other} says the same thing: equal in every field but {@code reportedAt}.
     * Posting an event again is a duplicate that changes nothing, even when its {@code reportedAt}
     * (which defaults to the time of receipt) differs; the same {@code eventId} with other content
     * is rejected (CONTRACT §4).
     */
    public boolean sameContentAs(Event other) {
        return eventId.equals(other.eventId)
                && institutionId.equals(other.institutionId)
                && type == other.type
                && Objects.equals(phone, other.phone)
                && Objects.equals(emailAddress, other.emailAddress)
                && occurredAt.equals(other.occurredAt)
                && Objects.equals(amount, other.amount)
                && Objects.equals(overdueDays, other.overdueDays)
                && Objects.equals(autoRepayment, other.autoRepayment);
    }

    /** The keys under which this event is indexed, see {@link SubjectKeys}. */
    public List<String> subjectKeys() {
        return SubjectKeys.keysOf(phone, emailAddress);
    }

    private static void checkInstant(String field, Instant instant) {
        ServiceInstant.of(field, instant);
    }

    private static BigDecimal checkedAmount(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if ((long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            // Checked before any rescaling: 1e999999999 cannot even be scaled to cents.
            throw new InvalidValueException("amount",
                    "amount may have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point");
        }
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidValueException("amount",
                    "amount must be >= 0 with at most 2 decimals, was " + shown(amount));
        }
        BigDecimal cents = amount.setScale(2);
        if (cents.precision() - 2 > MAX_INTEGER_DIGITS) {
            throw new InvalidValueException("amount",
                    "amount may have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point, was "
                            + shown(amount));
        }
        return cents;
    }

    private static String shown(BigDecimal amount) {
        String plain = amount.toPlainString();
        return plain.length() <= 40 ? plain : amount.toString();
    }
}

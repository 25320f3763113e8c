package dev.signals.application.port.in;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One event as a lender reported it (contract section 4), before any rule is checked, at its position
 * in the batch. {@code unreadable} says why the transport could not read the element (a wrong JSON type,
 * a line that is not JSON); such an event is rejected with that message.
 */
public record EventReport(
        int index,
        String eventId,
        String type,
        String phone,
        String countryCode,
        String emailAddress,
        Instant occurredAt,
        Instant reportedAt,
        BigDecimal amount,
        Integer overdueDays,
        Boolean autoRepayment,
        String unreadable) {

    /** An element the transport could not read; {@code eventId} when it could still be made out. */
    public static EventReport unreadable(int index, String eventId, String problem) {
        return new EventReport(index, eventId, null, null, null, null, null, null, null, null, null, problem);
    }

    /** The same report with a country for a national phone number. */
    public EventReport withCountry(String country) {
        return new EventReport(index, eventId, type, phone, country, emailAddress, occurredAt, reportedAt, amount,
                overdueDays, autoRepayment, unreadable);
    }

    @Override
    public String toString() {
        return "EventReport[" + index + ", " + eventId + ", " + type + "]";
    }
}

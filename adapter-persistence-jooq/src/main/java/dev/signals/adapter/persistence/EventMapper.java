package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.EventRecord;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Event} as an {@code event} row, and back through the event's canonical constructor, which checks
 * the invariants again: a row that breaks them fails loudly instead of reaching the index. The type is stored
 * as a small code, its position in the contract's list of types (the table in {@code V3__event_journal.sql});
 * the table is written out here, so reordering {@link EventType} cannot change what stored codes mean.
 */
final class EventMapper {

    /** Code 1 is the first element. Append only: a stored code never changes its meaning. */
    private static final List<EventType> TYPES_BY_CODE = List.of(
            EventType.MARKETING,
            EventType.APPLICATION_RECEPTION,
            EventType.APPLICATION_APPROVAL,
            EventType.APPLICATION_REJECTION,
            EventType.LOAN_DISBURSEMENT,
            EventType.REPAYMENT_REMINDER,
            EventType.SUCCESSFUL_REPAYMENT,
            EventType.OVERDUE,
            EventType.DEBT,
            EventType.CAPTCHA,
            EventType.LENDING,
            EventType.PRELOAN,
            EventType.ARBITRARY,
            EventType.OTHER);
    private static final Map<EventType, Short> CODES = codes();

    private EventMapper() {
    }

    static short typeCode(EventType type) {
        Short code = CODES.get(type);
        if (code == null) {
            throw new IllegalStateException("event type " + type + " has no stored code; add it to EventMapper");
        }
        return code;
    }

    static EventType type(short code) {
        if (code < 1 || code > TYPES_BY_CODE.size()) {
            throw new IllegalStateException("stored event type code " + code + " is not one of 1 to " + TYPES_BY_CODE.size());
        }
        return TYPES_BY_CODE.get(code - 1);
    }

    /**
     * @throws dev.signals.domain.InvalidValueException when the row breaks an invariant of {@link Event}
     */
    static Event toEvent(EventRecord record) {
        return toEvent(record.getEventId(), record.getInstitutionId(), record.getType(), record.getPhone(),
                record.getEmailAddress(), record.getOccurredAt(), record.getReportedAt(), record.getAmount(),
                record.getOverdueDays(), record.getAutoRepayment());
    }

    /** The same from the row's columns, as JDBC reads them. */
    static Event toEvent(String eventId, String institutionId, short type, String phone, String emailAddress,
                         OffsetDateTime occurredAt, OffsetDateTime reportedAt, BigDecimal amount, Integer overdueDays,
                         Boolean autoRepayment) {
        return new Event(
                eventId,
                new InstitutionId(institutionId),
                type(type),
                phone == null ? null : new PhoneNumber(phone),
                emailAddress == null ? null : new EmailAddress(emailAddress),
                Timestamps.fromColumn(occurredAt),
                Timestamps.fromColumn(reportedAt),
                amount,
                overdueDays,
                autoRepayment);
    }

    private static Map<EventType, Short> codes() {
        Map<EventType, Short> codes = new EnumMap<>(EventType.class);
        for (int i = 0; i < TYPES_BY_CODE.size(); i++) {
            codes.put(TYPES_BY_CODE.get(i), (short) (i + 1));
        }
        return codes;
    }
}

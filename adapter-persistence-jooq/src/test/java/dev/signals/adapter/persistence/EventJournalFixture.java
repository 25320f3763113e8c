package dev.signals.adapter.persistence;

import dev.signals.application.port.out.EventJournalPort.Appended;
import dev.signals.application.port.out.JournalFeedPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * What the journal's tests share: events built with the domain's constructor, which checks the contract's
 * rules, and the two ways to see what the journal did, the outcome of an append and the journal as the feed
 * reads it from the start.
 */
final class EventJournalFixture {

    static final InstitutionId INSTITUTION = new InstitutionId("inst-a");
    static final InstitutionId OTHER_INSTITUTION = new InstitutionId("inst-b");
    static final Instant T = Instant.parse("2024-07-30T08:00:00.123456Z");
    static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    static final EmailAddress EMAIL = new EmailAddress("jane.doe@example.com");

    private EventJournalFixture() {
    }

    /** An OVERDUE event with every field set. */
    static Event overdue(String eventId) {
        return new Event(eventId, INSTITUTION, EventType.OVERDUE, PHONE, EMAIL, T, T.plusSeconds(3_600),
                new BigDecimal("1520.50"), 12, false);
    }

    /** One of many distinct events: its own phone number, every third without an amount. */
    static Event numbered(InstitutionId institution, int n) {
        return new Event(String.format("loan-%07d", n), institution, EventType.LOAN_DISBURSEMENT,
                new PhoneNumber(String.format("+63917%07d", n)), null, T.minusSeconds(n), T,
                n % 3 == 0 ? null : BigDecimal.valueOf(100_000L + n, 2), null, null);
    }

    static List<Event> numbered(int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> numbered(INSTITUTION, n)).toList();
    }

    static Event withReportedAt(Event event, Instant reportedAt) {
        return new Event(event.eventId(), event.institutionId(), event.type(), event.phone(), event.emailAddress(),
                event.occurredAt(), reportedAt, event.amount(), event.overdueDays(), event.autoRepayment());
    }

    static Event withAmount(Event event, BigDecimal amount) {
        return new Event(event.eventId(), event.institutionId(), event.type(), event.phone(), event.emailAddress(),
                event.occurredAt(), event.reportedAt(), amount, event.overdueDays(), event.autoRepayment());
    }

    /** What an append did with each event. */
    static List<Appended> outcomes(JooqEventJournal journal, InstitutionId institution, List<Event> events) {
        return journal.append(institution, events).outcomes();
    }

    /** Hands {@code sink} the whole journal as the feed reads it from the start, page by page. */
    static void replay(JooqEventJournal journal, int pageSize, Consumer<List<Event>> sink) {
        new JooqJournalFeed(journal.database()).readSince(JournalPosition.START, pageSize,
                page -> sink.accept(page.stream().map(JournalFeedPort.FedEvent::event).toList()));
    }

    /** Every event of the journal, in the order the feed reads them from the start. */
    static List<Event> replayed(JooqEventJournal journal) {
        List<Event> events = new ArrayList<>();
        replay(journal, 1_000, events::addAll);
        return events;
    }
}

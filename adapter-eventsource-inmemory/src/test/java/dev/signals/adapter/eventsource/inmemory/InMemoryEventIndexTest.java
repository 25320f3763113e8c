package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.SubjectKeys;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryEventIndexTest {

    private static final Instant NOW = Instant.parse("2024-08-09T00:00:00Z");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    private static final EmailAddress EMAIL = new EmailAddress("borrower@example.com");
    private static final InstitutionId LENDER = new InstitutionId("lender-1");

    @Test
    void anUnknownSubjectHasNoEvents() {
        assertThat(new InMemoryEventIndex().eventsOf(new PhoneSubject(PHONE)).size()).isZero();
    }

    @Test
    void everyFormOfAPhoneFindsItsEvents() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(List.of(event("e-1", PHONE, null), event("e-2", PHONE, null)));

        for (String key : SubjectKeys.keysOf(PHONE)) {
            assertThat(index.eventsOf(SubjectKeys.subjectOf(key)).size()).as(key).isEqualTo(2);
        }
    }

    @Test
    void md5FormsAreFoundInEitherCaseAndOnlyForTheirNumber() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        PhoneNumber other = new PhoneNumber("+639171234568");
        index.addAll(List.of(event("e-1", PHONE, null), event("e-2", other, null), event("e-3", other, null)));

        assertThat(index.eventsOf(SubjectKeys.subjectOf("md5:" + PHONE.md5WithPlus().toUpperCase(Locale.ROOT))).size()).isEqualTo(1);
        assertThat(index.eventsOf(SubjectKeys.subjectOf("md5:" + PHONE.md5WithoutPlus().toUpperCase(Locale.ROOT))).size()).isEqualTo(1);
        assertThat(index.eventsOf(SubjectKeys.subjectOf("md5:" + other.md5WithoutPlus())).size()).isEqualTo(2);
        PhoneNumber absent = new PhoneNumber("+639171234569");
        assertThat(index.eventsOf(SubjectKeys.subjectOf("md5:" + absent.md5WithPlus())).size()).isZero();
    }

    @Test
    void anEventWithPhoneAndEmailIsFoundUnderBoth() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(List.of(event("e-1", PHONE, EMAIL)));

        assertThat(index.eventsOf(new EmailSubject(EMAIL)).size()).isEqualTo(1);
        assertThat(index.eventsOf(new PhoneSubject(PHONE)).size()).isEqualTo(1);
        assertThat(index.eventsOf(new PhoneSubject(new PhoneNumber("+639171234568"))).size()).isZero();
        assertThat(index.subjectCount()).as("one phone, one e-mail").isEqualTo(2);
        assertThat(index.size()).as("the event is stored once").isEqualTo(1);
    }

    @Test
    void anEmailFindsItsOwnEventsAndThoseItSharesWithPhones() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        PhoneNumber second = new PhoneNumber("+14155550100");
        List<Event> events = List.of(
                balance("e-1", PHONE, EMAIL, new BigDecimal("10.00")),
                balance("e-2", null, EMAIL, new BigDecimal("20.00")),
                balance("e-3", second, EMAIL, new BigDecimal("30.00")),
                balance("e-4", PHONE, null, new BigDecimal("40.00")));
        index.addAll(events.subList(0, 2));
        index.addAll(events.subList(2, 4));

        EventHistory byEmail = index.eventsOf(new EmailSubject(EMAIL));
        assertThat(byEmail.size()).isEqualTo(3);
        Set<String> ids = new HashSet<>();
        Set<Long> amounts = new HashSet<>();
        for (int i = 0; i < byEmail.size(); i++) {
            ids.add(byEmail.eventId(i));
            amounts.add(byEmail.amountCents(i));
        }
        assertThat(ids).containsExactlyInAnyOrder("e-1", "e-2", "e-3");
        assertThat(amounts).containsExactlyInAnyOrder(1_000L, 2_000L, 3_000L);
        assertThat(index.eventsOf(new PhoneSubject(PHONE)).size()).isEqualTo(2);
        assertThat(index.eventsOf(new PhoneSubject(second)).size()).isEqualTo(1);
        assertThat(index.subjectCount()).isEqualTo(3);
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void thousandsOfPhonesAndEmailsEachFindTheirOwnEvents() {
        List<Event> events = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < 3_000; n++) {
            EmailAddress email = new EmailAddress((n % 2 == 0 ? "müller." : "a") + n + "@example.com");
            EmailAddress longer = new EmailAddress(email.value() + "x");
            PhoneNumber phone = new PhoneNumber("+1415" + String.format("%07d", n));
            events.add(balance(SubjectKeys.emailKey(email), null, email, BigDecimal.ONE));
            events.add(balance(SubjectKeys.emailKey(longer), null, longer, BigDecimal.ONE));
            events.add(balance(SubjectKeys.phoneKey(phone), phone, null, BigDecimal.ONE));
            keys.add(SubjectKeys.emailKey(email));
            keys.add(SubjectKeys.emailKey(longer));
            keys.add(SubjectKeys.phoneKey(phone));
        }
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(events);

        for (String key : keys) {
            EventHistory history = index.eventsOf(SubjectKeys.subjectOf(key));
            assertThat(history.size()).as(key).isEqualTo(1);
            assertThat(history.eventId(0)).isEqualTo(key);
        }
        PhoneNumber last = new PhoneNumber("+14150002999");
        assertThat(index.eventsOf(SubjectKeys.subjectOf("md5:" + last.md5WithPlus())).eventId(0)).isEqualTo(SubjectKeys.phoneKey(last));
        assertThat(index.eventsOf(SubjectKeys.subjectOf("email:müller.0@example.co")).size()).isZero();
        assertThat(index.subjectCount()).isEqualTo(9_000);
    }

    @Test
    void valuesBeyondTheCompactFieldsReadBackExactly() {
        List<Event> events = List.of(
                overdue("huge-amount", EARLIEST, EARLIEST, new BigDecimal("9999999999999.99"), 0, true),
                overdue("huge-days", NOW, NOW, BigDecimal.ZERO, Integer.MAX_VALUE, false),
                overdue("days-at-the-edge", NOW, NOW, BigDecimal.ONE, 8_190, null),
                overdue("days-past-the-edge", NOW, NOW, BigDecimal.ONE, 8_191, null),
                flow("reported-9999-years-later", EARLIEST, LATEST, null),
                flow("reported-9999-years-earlier", LATEST, EARLIEST, new BigDecimal("0.01")),
                flow("reported-2-years-later", NOW.minusSeconds(2 * 365 * 86_400L).plusNanos(1_000), NOW,
                        new BigDecimal("9999999999999.99")),
                flow("reported-just-within", NOW, NOW.plusNanos((1L << 46) * 1_000 - 1_000), BigDecimal.ZERO),
                flow("reported-just-beyond", NOW, NOW.plusNanos((1L << 46) * 1_000), BigDecimal.ZERO),
                flow("reported-just-beyond-before", NOW, NOW.minusNanos((1L << 46) * 1_000), null),
                flow("latest", LATEST, LATEST, null));
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(events);

        assertSameEvents(index.eventsOf(new PhoneSubject(PHONE)), events);
    }

    @Test
    void eventIdsOfBalancesAreKeptExactlyAndOthersAreNot() {
        String[] ids = {"a", "ü-ß-€-日本", "\uD83D\uDE00 emoji", "lone \uD800 surrogate \uDC00", "x".repeat(128),
                "\u00ff\u0100\u07ff\u0800\uffff"};
        List<Event> events = new ArrayList<>();
        for (String id : ids) {
            events.add(balance(id, PHONE, null, BigDecimal.TEN));
        }
        events.add(event("not-a-balance", PHONE, null));
        events.add(overdue("overdue-without-amount", NOW, NOW, null, 3, false));
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(events);

        EventHistory history = index.eventsOf(new PhoneSubject(PHONE));
        for (int i = 0; i < ids.length; i++) {
            assertThat(history.eventId(i)).isEqualTo(ids[i]);
        }
        assertThatThrownBy(() -> history.eventId(ids.length)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> history.eventId(ids.length + 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> history.type(events.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anEventWithoutAmountOrOverdueDaysSaysSoAndInventsNone() {
        List<Event> events = List.of(
                overdue("compact", NOW, NOW, null, null, null),
                overdue("wide", NOW, NOW.plusSeconds(3 * 365 * 86_400L), null, null, null),
                overdue("zero", NOW, NOW, BigDecimal.ZERO, 0, null));
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(events);

        EventHistory history = index.eventsOf(new PhoneSubject(PHONE));
        for (int i = 0; i < 2; i++) {
            int event = i;
            assertThat(history.hasAmount(event)).isFalse();
            assertThat(history.hasOverdueDays(event)).isFalse();
            assertThatThrownBy(() -> history.amountCents(event)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> history.overdueDays(event)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(history.hasAmount(2)).isTrue();
        assertThat(history.amountCents(2)).isZero();
        assertThat(history.hasOverdueDays(2)).isTrue();
        assertThat(history.overdueDays(2)).isZero();
    }

    @Test
    void institutionsBeyondTheCompactRangeStayDistinct() {
        int institutions = (1 << 16) + 5;
        List<Event> events = new ArrayList<>();
        for (int n = 0; n < institutions; n++) {
            events.add(Event.received("e", new InstitutionId("lender-" + n), EventType.LOAN_DISBURSEMENT, PHONE, null,
                    NOW, null, BigDecimal.ONE, null, null, NOW));
        }
        events.add(Event.received("again", new InstitutionId("lender-" + (institutions - 1)), EventType.MARKETING,
                PHONE, null, NOW, null, null, null, null, NOW));
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(events);

        EventHistory history = index.eventsOf(new PhoneSubject(PHONE));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < institutions; i++) {
            seen.add(history.institution(i));
        }
        assertThat(seen).hasSize(institutions);
        assertThat(history.institution(institutions)).isEqualTo(history.institution(institutions - 1));
        assertThat(history.institution(institutions)).isNotEqualTo(history.institution(0));
    }

    /** Events i of the history and of the list agree in every field, institutions by equality. */
    private static void assertSameEvents(EventHistory actual, List<Event> events) {
        EventHistory expected = EventHistory.of(events);
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String id = events.get(i).eventId();
            assertThat(actual.type(i)).as(id).isEqualTo(expected.type(i));
            assertThat(actual.occurredAtMicros(i)).as(id).isEqualTo(expected.occurredAtMicros(i));
            assertThat(actual.reportedAtMicros(i)).as(id).isEqualTo(expected.reportedAtMicros(i));
            assertThat(actual.hasAmount(i)).as(id).isEqualTo(expected.hasAmount(i));
            if (expected.hasAmount(i)) {
                assertThat(actual.amountCents(i)).as(id).isEqualTo(expected.amountCents(i));
            }
            assertThat(actual.hasOverdueDays(i)).as(id).isEqualTo(expected.hasOverdueDays(i));
            if (expected.hasOverdueDays(i)) {
                assertThat(actual.overdueDays(i)).as(id).isEqualTo(expected.overdueDays(i));
            }
            assertThat(actual.autoRepayment(i)).as(id).isEqualTo(expected.autoRepayment(i));
            if (expected.hasAmount(i) && expected.type(i).carriesBalance()) {
                assertThat(actual.eventId(i)).as(id).isEqualTo(id);
            }
            for (int j = 0; j < expected.size(); j++) {
                assertThat(actual.institution(i) == actual.institution(j)).isEqualTo(expected.institution(i) == expected.institution(j));
            }
        }
        assertThat(Micros.toInstant(actual.occurredAtMicros(0))).isEqualTo(events.get(0).occurredAt());
    }

    private static Event event(String id, PhoneNumber phone, EmailAddress email) {
        return Event.received(id, LENDER, EventType.LOAN_DISBURSEMENT, phone, email,
                NOW.minusSeconds(3_600), null, null, null, null, NOW);
    }

    private static Event balance(String id, PhoneNumber phone, EmailAddress email, BigDecimal amount) {
        return Event.received(id, LENDER, EventType.DEBT, phone, email, NOW.minusSeconds(60), null, amount, null, null, NOW);
    }

    private static Event overdue(String id, Instant occurred, Instant reported, BigDecimal amount, Integer days, Boolean auto) {
        return new Event(id, LENDER, EventType.OVERDUE, PHONE, null, occurred, reported, amount, days, auto);
    }

    private static Event flow(String id, Instant occurred, Instant reported, BigDecimal amount) {
        return new Event(id, new InstitutionId("other"), EventType.SUCCESSFUL_REPAYMENT, PHONE, null, occurred, reported,
                amount, null, null);
    }
}

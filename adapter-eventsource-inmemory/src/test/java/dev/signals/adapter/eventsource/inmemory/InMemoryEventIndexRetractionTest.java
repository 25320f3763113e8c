package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.SubjectKeys;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retractions in the index (contract sections 3.2 and 4.1): the row stays, its retraction instant is kept beside
 * it, under every subject of the event, whichever arrives first.
 */
class InMemoryEventIndexRetractionTest {

    private static final SignalSelection ALL = SignalCatalogue.standard().allSignals();
    private static final Instant NOW = Instant.parse("2024-08-09T00:00:00Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    private static final EmailAddress EMAIL = new EmailAddress("borrower@example.com");
    private static final InstitutionId LENDER = new InstitutionId("lender-1");

    private final SignalCalculator calculator = new SignalCalculator();

    @Test
    void aRetractionIsKeptUnderThePhoneAndTheEmailAddressOfItsEvent() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        Event both = event("both", PHONE, EMAIL, "10.00");
        index.addAll(List.of(event("phone-only", PHONE, null, "1.00"), both, event("email-only", null, EMAIL, "2.00")));

        index.retractAll(List.of(new RetractedEvent(both, NOW)));

        EventHistory byPhone = index.eventsOf(new PhoneSubject(PHONE));
        EventHistory byEmail = index.eventsOf(new EmailSubject(EMAIL));
        assertThat(retractedAt(byPhone)).containsExactly(EventHistory.NOT_RETRACTED, Micros.of(NOW));
        // the e-mail address's own event first, then the one it shares with the phone
        assertThat(retractedAt(byEmail)).containsExactly(EventHistory.NOT_RETRACTED, Micros.of(NOW));
        assertThat(index.retractedCount()).isEqualTo(1);
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void aRetractionOfAnEventNotAddedYetWaitsForIt() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        Event later = event("later", PHONE, EMAIL, "5.00");
        index.retractAll(List.of(new RetractedEvent(later, NOW)));
        assertThat(index.retractedCount()).isZero();

        index.addAll(List.of(event("other", PHONE, null, "1.00"), later));

        assertThat(retractedAt(index.eventsOf(new PhoneSubject(PHONE))))
                .containsExactly(EventHistory.NOT_RETRACTED, Micros.of(NOW));
        assertThat(retractedAt(index.eventsOf(new EmailSubject(EMAIL)))).containsExactly(Micros.of(NOW));
        assertThat(index.retractedCount()).isEqualTo(1);
    }

    @Test
    void ofTwoEventsAlikeInEveryKeptFieldEachRetractionTakesOne() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        Event first = event("twin-1", PHONE, null, "3.00");
        Event second = event("twin-2", PHONE, null, "3.00");
        index.addAll(List.of(first, second));

        index.retractAll(List.of(new RetractedEvent(second, NOW)));
        assertThat(retractedAt(index.eventsOf(new PhoneSubject(PHONE))))
                .containsExactlyInAnyOrder(EventHistory.NOT_RETRACTED, Micros.of(NOW));

        index.retractAll(List.of(new RetractedEvent(first, NOW.plusSeconds(1))));
        assertThat(retractedAt(index.eventsOf(new PhoneSubject(PHONE))))
                .containsExactlyInAnyOrder(Micros.of(NOW), Micros.of(NOW.plusSeconds(1)));
    }

    @Test
    void twinsWithAndWithoutAnEmailAddressAreRetractedUnderEachSubjectApart() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        Event emailOnly = event("mail", null, EMAIL, "9.00");
        Event phoneOnly = event("twin-1", PHONE, null, "3.00");
        Event withEmail = event("twin-2", PHONE, EMAIL, "3.00");
        index.addAll(List.of(emailOnly, phoneOnly, withEmail));

        // the phone's first row is alike, but it is not the e-mail address's: under the address the twin goes
        index.retractAll(List.of(new RetractedEvent(withEmail, NOW)));
        assertThat(retractedAt(index.eventsOf(new EmailSubject(EMAIL)))).containsExactly(EventHistory.NOT_RETRACTED, Micros.of(NOW));
        assertThat(retractedAt(index.eventsOf(new PhoneSubject(PHONE))))
                .containsExactlyInAnyOrder(EventHistory.NOT_RETRACTED, Micros.of(NOW));

        index.retractAll(List.of(new RetractedEvent(phoneOnly, NOW.plusSeconds(1))));
        assertThat(retractedAt(index.eventsOf(new PhoneSubject(PHONE))))
                .containsExactlyInAnyOrder(Micros.of(NOW), Micros.of(NOW.plusSeconds(1)));
        assertThat(retractedAt(index.eventsOf(new EmailSubject(EMAIL)))).containsExactly(EventHistory.NOT_RETRACTED, Micros.of(NOW));
        assertThat(index.retractedCount()).isEqualTo(2);
    }

    @Test
    void balancesAreTakenByTheirEventIdForTheirIdDecidesTheLatest() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        Event a = new Event("a", LENDER, EventType.DEBT, PHONE, null, NOW.minusSeconds(60), NOW, new BigDecimal("7.00"), null, null);
        Event b = new Event("b", LENDER, EventType.DEBT, PHONE, null, NOW.minusSeconds(60), NOW, new BigDecimal("7.00"), null, null);
        index.addAll(List.of(a, b));

        index.retractAll(List.of(new RetractedEvent(b, NOW)));

        EventHistory history = index.eventsOf(new PhoneSubject(PHONE));
        assertThat(history.eventId(1)).isEqualTo("b");
        assertThat(retractedAt(history)).containsExactly(EventHistory.NOT_RETRACTED, Micros.of(NOW));
    }

    @Test
    void aHistoryTakenBeforeARetractionKeepsReadingWhatItWasGiven() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        Event event = event("e", PHONE, null, "1.00");
        index.addAll(List.of(event));
        EventHistory before = index.eventsOf(new PhoneSubject(PHONE));

        index.retractAll(List.of(new RetractedEvent(event, NOW)));

        assertThat(retractedAt(before)).containsExactly(EventHistory.NOT_RETRACTED);
        assertThat(retractedAt(index.eventsOf(new PhoneSubject(PHONE)))).containsExactly(Micros.of(NOW));
    }

    /**
     * Random histories, some events also (or only) under an e-mail address, about a third of them retracted around
     * asOf, some retractions given before their events: every signal from the index, under the phone and under the
     * e-mail address, equals the one from the events and retractions as lists.
     */
    @Property(tries = 300)
    void theIndexCalculatesExactlyLikeTheListsOfEventsAndRetractions(@ForAll("scenarios") RandomHistories.Scenario scenario,
                                                                      @ForAll long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (Event event : scenario.events()) {
            int subjects = random.nextInt(4);   // 0, 1: the phone; 2: both; 3: the e-mail address
            events.add(new Event(event.eventId(), event.institutionId(), event.type(), subjects == 3 ? null : PHONE,
                    subjects >= 2 ? EMAIL : null, event.occurredAt(), event.reportedAt(), event.amount(),
                    event.overdueDays(), event.autoRepayment()));
        }
        List<RetractedEvent> retractions = new ArrayList<>();
        for (Event event : events) {
            if (random.nextInt(3) == 0) {
                Duration offset = Duration.ofNanos(1000L * (random.nextInt(5) - 2));
                retractions.add(new RetractedEvent(event, scenario.asOf().plus(offset).truncatedTo(ChronoUnit.MICROS)));
            }
        }
        int early = retractions.size() / 3;
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.retractAll(retractions.subList(0, early));
        int half = events.size() / 2;
        index.addAll(events.subList(0, half));
        index.retractAll(retractions.subList(early, retractions.size()));
        index.addAll(events.subList(half, events.size()));

        assertSame(index, SubjectKeys.phoneKey(PHONE), events.stream().filter(e -> e.phone() != null).toList(),
                retractions, scenario.asOf());
        assertSame(index, SubjectKeys.emailKey(EMAIL), events.stream().filter(e -> e.emailAddress() != null).toList(),
                retractions, scenario.asOf());
        assertThat(index.retractedCount()).isEqualTo(retractions.size());
    }

    @Provide
    Arbitrary<RandomHistories.Scenario> scenarios() {
        return RandomHistories.scenarios();
    }

    private void assertSame(InMemoryEventIndex index, String key, List<Event> events, List<RetractedEvent> retractions,
                            Instant asOf) {
        List<RetractedEvent> ofThese = retractions.stream().filter(r -> events.contains(r.event())).toList();
        CalculationResult expected = calculator.calculate(EventHistory.of(events, ofThese), asOf, ALL);
        assertThat(calculator.calculate(index.eventsOf(SubjectKeys.subjectOf(key)), asOf, ALL)).as("under %s", key).isEqualTo(expected);
    }

    private static List<Long> retractedAt(EventHistory history) {
        return IntStream.range(0, history.size()).mapToObj(history::retractedAtMicros).toList();
    }

    private static Event event(String id, PhoneNumber phone, EmailAddress email, String amount) {
        return new Event(id, LENDER, EventType.LOAN_DISBURSEMENT, phone, email, NOW.minusSeconds(3_600), NOW,
                new BigDecimal(amount), null, null);
    }
}

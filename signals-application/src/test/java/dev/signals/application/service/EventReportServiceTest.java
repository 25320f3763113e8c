package dev.signals.application.service;

import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.in.EventReport;
import dev.signals.application.port.in.ReportEventsUseCase.ReportOutcome;
import dev.signals.application.port.in.ReportEventsUseCase.Rejection;
import dev.signals.application.port.out.AppendedEventsPort;
import dev.signals.application.port.out.EventJournalPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.application.subject.PhoneNumbers;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.event.Retraction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventReportServiceTest {

    private static final Instant NOW = Instant.parse("2024-08-09T12:00:00Z");
    private static final InstitutionId LENDER = new InstitutionId("abc-lending");

    private final Journal journal = new Journal();
    private final List<Event> indexed = new ArrayList<>();
    private final List<JournalPosition> indexedIn = new ArrayList<>();
    private final AppendedEventsPort index = new AppendedEventsPort() {
        @Override
        public void indexAppended(JournalPosition transaction, Collection<Event> events) {
            indexedIn.add(transaction);
            indexed.addAll(events);
        }

        @Override
        public void indexRetracted(JournalPosition transaction, Collection<RetractedEvent> retracted) {
            throw new AssertionError("reporting events retracts none");
        }
    };
    private final EventReportService service = new EventReportService(journal, index, new PhoneNumbers(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void goodEventsAreJournaledThenIndexed() {
        ReportOutcome outcome = service.report(LENDER, List.of(overdue(0, "loan-1-overdue", "1520.50", 12), disbursement(1, "loan-1")));

        assertThat(outcome).isEqualTo(new ReportOutcome(2, 0, List.of()));
        assertThat(journal.events.values()).hasSize(2);
        assertThat(indexed).extracting(Event::eventId).containsExactly("loan-1-overdue", "loan-1");
        assertThat(indexed.get(0).phone().e164()).isEqualTo("+639171234567");
        assertThat(indexed.get(0).reportedAt()).as("default reportedAt is the receipt").isEqualTo(NOW);
    }

    @Test
    void theSameEventAgainIsADuplicateThatChangesNothing() {
        service.report(LENDER, List.of(disbursement(0, "loan-1")));

        ReportOutcome again = service.report(LENDER, List.of(disbursement(0, "loan-1"), disbursement(1, "loan-1")));

        assertThat(again).isEqualTo(new ReportOutcome(0, 2, List.of()));
        assertThat(indexed).hasSize(1);
    }

    @Test
    void theSameEventIdWithOtherContentIsRejectedAndSaysSo() {
        service.report(LENDER, List.of(overdue(0, "loan-1-overdue", "100", 3)));

        ReportOutcome changed = service.report(LENDER, List.of(overdue(0, "loan-1-overdue", "200", 3)));

        assertThat(changed.accepted()).isZero();
        assertThat(changed.rejected()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo("loan-1-overdue");
            assertThat(r.message()).contains("already reported").contains("other content");
        });
    }

    @Test
    void badEventsAreRejectedOneByOneAndTheGoodOnesOfTheBatchKept() {
        List<EventReport> batch = List.of(
                disbursement(0, "good-1"),
                report(1, "bad-type", "LOAN", "+639171234567", NOW.minusSeconds(60), null, null, null),
                report(2, "negative", "LOAN_DISBURSEMENT", "+639171234567", NOW.minusSeconds(60), new BigDecimal("-1"), null, null),
                report(3, "overdue-days-on-repayment", "SUCCESSFUL_REPAYMENT", "+639171234567", NOW.minusSeconds(60), null, 4, null),
                report(4, "future", "LOAN_DISBURSEMENT", "+639171234567", NOW.plus(Duration.ofDays(1)), null, null, null),
                new EventReport(5, "late-report", "LOAN_DISBURSEMENT", "+639171234567", null, null, NOW.minusSeconds(60),
                        NOW.plusSeconds(600), null, null, null, null),
                report(6, "bad-phone", "LOAN_DISBURSEMENT", "+6391712", NOW.minusSeconds(60), null, null, null),
                EventReport.unreadable(7, "wrong-type", "amount must be a number"),
                report(8, null, "LOAN_DISBURSEMENT", "+639171234567", NOW.minusSeconds(60), null, null, null),
                disbursement(9, "good-2"));

        ReportOutcome outcome = service.report(LENDER, batch);

        assertThat(outcome.accepted()).isEqualTo(2);
        assertThat(outcome.rejected()).extracting(Rejection::index).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(outcome.rejected()).extracting(Rejection::message).allSatisfy(message -> assertThat(message).isNotBlank());
        assertThat(message(outcome, 1)).contains("type").contains("LOAN_DISBURSEMENT");
        assertThat(message(outcome, 2)).contains("amount");
        assertThat(message(outcome, 3)).contains("overdueDays");
        assertThat(message(outcome, 4)).contains("occurredAt");
        assertThat(message(outcome, 5)).contains("reportedAt");
        assertThat(message(outcome, 6)).contains("phone").doesNotContain("6391712");
        assertThat(message(outcome, 7)).isEqualTo("amount must be a number");
        assertThat(message(outcome, 8)).contains("eventId");
        assertThat(journal.events.keySet()).containsExactly("good-1", "good-2");
    }

    @Test
    void aBatchOverTenThousandOrAnEmptyOneIsRefusedWhole() {
        List<EventReport> tooMany = IntStream.range(0, 10_001).mapToObj(i -> disbursement(i, "e-" + i)).toList();

        assertThatThrownBy(() -> service.report(LENDER, tooMany)).isInstanceOf(InvalidCommandException.class).hasMessageContaining("10000");
        assertThatThrownBy(() -> service.report(LENDER, List.of())).isInstanceOf(InvalidCommandException.class);
        assertThat(journal.events).isEmpty();
    }

    @Test
    void theNewEventsAreIndexedWithTheTransactionThatStoredThem() {
        service.report(LENDER, List.of(disbursement(0, "a"), disbursement(1, "b")));
        service.report(LENDER, List.of(disbursement(0, "a"), disbursement(1, "c")));

        assertThat(indexed).extracting(Event::eventId).containsExactly("a", "b", "c");
        assertThat(indexedIn).containsExactly(new JournalPosition(1), new JournalPosition(2));
    }

    private static String message(ReportOutcome outcome, int index) {
        return outcome.rejected().stream().filter(r -> r.index() == index).findFirst().orElseThrow().message();
    }

    private static EventReport disbursement(int index, String id) {
        return report(index, id, "LOAN_DISBURSEMENT", "+639171234567", NOW.minus(Duration.ofDays(2)), new BigDecimal("5000"), null, null);
    }

    private static EventReport overdue(int index, String id, String amount, int days) {
        return report(index, id, "OVERDUE", "09171234567", NOW.minus(Duration.ofDays(1)), new BigDecimal(amount), days, false)
                .withCountry("PH");
    }

    private static EventReport report(int index, String id, String type, String phone, Instant occurredAt, BigDecimal amount,
                                      Integer overdueDays, Boolean autoRepayment) {
        return new EventReport(index, id, type, phone, null, null, occurredAt, null, amount, overdueDays, autoRepayment, null);
    }

    /** A journal in a map, keyed by event id (one institution in these tests). */
    private static final class Journal implements EventJournalPort {

        final Map<String, Event> events = new LinkedHashMap<>();

        private long transactions;

        @Override
        public AppendResult append(InstitutionId institution, List<Event> batch) {
            List<Appended> outcomes = new ArrayList<>();
            for (Event event : batch) {
                Event existing = events.putIfAbsent(event.eventId(), event);
                outcomes.add(existing == null ? Appended.NEW : existing.sameContentAs(event) ? Appended.DUPLICATE : Appended.CONFLICT);
            }
            return new AppendResult(outcomes, outcomes.contains(Appended.NEW) ? new JournalPosition(++transactions) : null);
        }

        @Override
        public RetractResult retract(InstitutionId institution, List<Retraction> retractions, Instant retractedAt) {
            throw new UnsupportedOperationException("not reported through this service");
        }
    }
}

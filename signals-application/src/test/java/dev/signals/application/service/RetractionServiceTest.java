package dev.signals.application.service;

import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.in.ReportEventsUseCase.Rejection;
import dev.signals.application.port.in.RetractEventsUseCase.RetractOutcome;
import dev.signals.application.port.in.RetractionReport;
import dev.signals.application.port.out.AppendedEventsPort;
import dev.signals.application.port.out.EventJournalPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.event.Retraction;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract section 4.1 at the use case: each retraction on its own, durable, then counted at once on this node. */
class RetractionServiceTest {

    /** The clock reads below the microsecond; the journal keeps microseconds. */
    private static final Instant NOW = Instant.parse("2024-08-09T12:00:00.123456789Z");
    private static final InstitutionId LENDER = new InstitutionId("abc-lending");
    private static final InstitutionId OTHER = new InstitutionId("other-lending");

    private final Journal journal = new Journal();
    private final List<RetractedEvent> indexed = new ArrayList<>();
    private final List<JournalPosition> indexedIn = new ArrayList<>();
    private final RetractionService service = new RetractionService(journal, new AppendedEventsPort() {
        @Override
        public void indexAppended(JournalPosition transaction, Collection<Event> events) {
            throw new AssertionError("retracting appends nothing");
        }

        @Override
        public void indexRetracted(JournalPosition transaction, Collection<RetractedEvent> retracted) {
            indexedIn.add(transaction);
            indexed.addAll(retracted);
        }
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void eachRetractionIsAnsweredOnItsOwnAndTheRetractedOnesReachThisNodesIndexAtOnce() {
        journal.reported(LENDER, "mine-1", "mine-2", "mine-3");
        journal.reported(OTHER, "theirs");
        journal.retractedAlready(LENDER, "mine-3");

        RetractOutcome outcome = service.retract(LENDER, List.of(
                new RetractionReport(0, "mine-1", "reported in error"),
                new RetractionReport(1, "theirs", null),
                new RetractionReport(2, "nobody-s", null),
                new RetractionReport(3, "mine-2", null),
                new RetractionReport(4, "mine-3", null)));

        assertThat(outcome.retracted()).isEqualTo(2);
        assertThat(outcome.alreadyRetracted()).isEqualTo(1);
        assertThat(outcome.rejected()).extracting(Rejection::index).containsExactly(1, 2);
        assertThat(outcome.rejected().get(0).message()).isEqualTo(outcome.rejected().get(1).message()
                .replace("nobody-s", "theirs")).doesNotContain(OTHER.value());
        assertThat(indexed).extracting(r -> r.event().eventId()).containsExactly("mine-1", "mine-2");
        assertThat(indexed).extracting(RetractedEvent::retractedAt).containsOnly(Instant.parse("2024-08-09T12:00:00.123456Z"));
        assertThat(indexedIn).containsExactly(new JournalPosition(1));
        assertThat(journal.reasons).containsEntry("mine-1", "reported in error");
    }

    @Test
    void theSameEventTwiceInABatchIsRetractedOnceAndCountedOnceAsAlreadyRetracted() {
        journal.reported(LENDER, "mine");

        RetractOutcome outcome = service.retract(LENDER, List.of(
                new RetractionReport(0, "mine", null), new RetractionReport(1, "mine", "again")));

        assertThat(outcome).isEqualTo(new RetractOutcome(1, 1, List.of()));
        assertThat(journal.calls).isEqualTo(1);
    }

    @Test
    void anUnreadableOrInvalidRetractionIsRejectedWithItsReasonAndTheOthersGoOn() {
        journal.reported(LENDER, "mine");

        RetractOutcome outcome = service.retract(LENDER, List.of(
                RetractionReport.unreadable(0, null, "a retraction is a JSON object"),
                new RetractionReport(1, "", null),
                new RetractionReport(2, "mine", "x".repeat(501)),
                new RetractionReport(3, "mine", null)));

        assertThat(outcome.retracted()).isEqualTo(1);
        assertThat(outcome.rejected()).extracting(Rejection::index).containsExactly(0, 1, 2);
        assertThat(outcome.rejected()).extracting(Rejection::message).containsExactly("a retraction is a JSON object",
                "eventId is required and must have 1 to 128 characters", "reason may have at most 500 characters, had 501");
    }

    @Test
    void aBatchWithNothingToRetractTouchesNeitherTheJournalNorTheIndex() {
        RetractOutcome outcome = service.retract(LENDER, List.of(new RetractionReport(0, null, null)));

        assertThat(outcome.rejected()).hasSize(1);
        assertThat(journal.calls).isZero();
        assertThat(indexedIn).isEmpty();
    }

    @Test
    void anEmptyOrOversizedBatchIsRefusedWhole() {
        assertThatThrownBy(() -> service.retract(LENDER, List.of())).isInstanceOf(InvalidCommandException.class);
        List<RetractionReport> tooMany = IntStream.rangeClosed(0, 10_000)
                .mapToObj(i -> new RetractionReport(i, "e-" + i, null)).toList();
        assertThatThrownBy(() -> service.retract(LENDER, tooMany)).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("10000");
        assertThat(journal.calls).isZero();
    }

    /** A journal of events by institution and id, that retracts as the persistence adapter does. */
    private static final class Journal implements EventJournalPort {

        final Map<String, Event> events = new HashMap<>();
        final Map<String, Instant> retracted = new HashMap<>();
        final Map<String, String> reasons = new HashMap<>();
        int calls;

        void reported(InstitutionId institution, String... ids) {
            for (String id : ids) {
                events.put(institution.value() + "/" + id, new Event(id, institution, EventType.OVERDUE,
                        new PhoneNumber("+639171234567"), null, Instant.parse("2024-08-09T11:00:00Z"), Instant.parse("2024-08-09T11:00:00Z"), null, 3, null));
            }
        }

        void retractedAlready(InstitutionId institution, String id) {
            retracted.put(institution.value() + "/" + id, NOW.minusSeconds(60));
        }

        @Override
        public AppendResult append(InstitutionId institution, List<Event> batch) {
            throw new UnsupportedOperationException("retracting appends nothing");
        }

        @Override
        public RetractResult retract(InstitutionId institution, List<Retraction> retractions, Instant retractedAt) {
            calls++;
            List<Retracted> outcomes = new ArrayList<>();
            List<RetractedEvent> done = new ArrayList<>();
            for (Retraction retraction : retractions) {
                String key = institution.value() + "/" + retraction.eventId();
                Event event = events.get(key);
                if (event == null) {
                    outcomes.add(Retracted.UNKNOWN);
                } else if (retracted.containsKey(key)) {
                    outcomes.add(Retracted.ALREADY_RETRACTED);
                } else {
                    retracted.put(key, retractedAt);
                    reasons.put(retraction.eventId(), retraction.reason());
                    outcomes.add(Retracted.RETRACTED);
                    done.add(new RetractedEvent(event, retractedAt));
                }
            }
            return new RetractResult(outcomes, done, done.isEmpty() ? null : new JournalPosition(1));
        }
    }
}

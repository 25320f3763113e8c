package dev.signals.adapter.persistence;

import dev.signals.application.port.out.EventJournalPort.Appended;
import dev.signals.application.port.out.EventJournalPort.Retracted;
import dev.signals.application.port.out.JournalFeedPort.FedRetraction;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.event.Retraction;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT_RETRACTION;
import static org.assertj.core.api.Assertions.assertThat;

/** Retractions in the journal (contract section 4.1): once per event, only the reporter's, the event kept, the id taken. */
class EventRetractionsTest {

    private static final InstitutionId LENDER = new InstitutionId("lender-a");
    private static final InstitutionId OTHER = new InstitutionId("lender-b");
    private static final Instant T = Instant.parse("2024-08-01T00:00:00Z");
    private static final Instant RETRACTED_AT = Instant.parse("2024-09-01T10:00:00.123456Z");

    private static Event event(InstitutionId institution, String id) {
        return new Event(id, institution, EventType.OVERDUE, new PhoneNumber("+639171234567"), null, T, T,
                new BigDecimal("1520.50"), 12, false);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anInstitutionRetractsItsOwnEventsOnceAndNeverAnotherInstitutions(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            journal.append(LENDER, List.of(event(LENDER, "mine-1"), event(LENDER, "mine-2")));
            journal.append(OTHER, List.of(event(OTHER, "theirs")));

            var result = journal.retract(LENDER, List.of(new Retraction("mine-1", "reported in error"),
                    new Retraction("theirs", null), new Retraction("nowhere", null), new Retraction("mine-1", null)), RETRACTED_AT);

            assertThat(result.outcomes()).containsExactly(Retracted.RETRACTED, Retracted.UNKNOWN, Retracted.UNKNOWN,
                    Retracted.ALREADY_RETRACTED);
            assertThat(result.retracted()).containsExactly(new RetractedEvent(event(LENDER, "mine-1"), RETRACTED_AT));
            assertThat(journal.retract(LENDER, List.of(new Retraction("mine-1", null), new Retraction("mine-2", null)),
                    RETRACTED_AT.plusSeconds(1)).outcomes()).containsExactly(Retracted.ALREADY_RETRACTED, Retracted.RETRACTED);
            assertThat(db.dsl().fetchCount(EVENT)).as("events stay in the journal").isEqualTo(3);
            assertThat(db.dsl().fetchCount(EVENT_RETRACTION)).isEqualTo(2);
            assertThat(db.dsl().select(EVENT_RETRACTION.REASON).from(EVENT_RETRACTION).orderBy(EVENT_RETRACTION.SEQ)
                    .fetch(EVENT_RETRACTION.REASON)).containsExactly("reported in error", null);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRetractedEventIdStaysTakenWhateverTheContent(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            journal.append(LENDER, List.of(event(LENDER, "gone")));
            journal.retract(LENDER, List.of(new Retraction("gone", null)), RETRACTED_AT);

            Event again = event(LENDER, "gone");
            Event changed = new Event("gone", LENDER, EventType.DEBT, again.phone(), null, T, T, null, null, null);
            assertThat(journal.append(LENDER, List.of(again)).outcomes()).containsExactly(Appended.RETRACTED);
            assertThat(journal.append(LENDER, List.of(changed)).outcomes()).containsExactly(Appended.RETRACTED);
            assertThat(journal.append(OTHER, List.of(event(OTHER, "gone"))).outcomes())
                    .as("another institution's id space is its own").containsExactly(Appended.NEW);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theFeedFromTheStartHandsOverTheEventsThenTheirRetractions(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            journal.append(LENDER, List.of(event(LENDER, "kept"), event(LENDER, "withdrawn")));
            journal.retract(LENDER, List.of(new Retraction("withdrawn", null)), RETRACTED_AT);

            RecordedFeed read = new RecordedFeed();
            new JooqJournalFeed(db.database()).readSince(JournalPosition.START, 10, read);

            assertThat(read.order).containsExactly("events", "retractions");
            assertThat(read.events).extracting(fed -> fed.event().eventId()).containsExactlyInAnyOrder("kept", "withdrawn");
            assertThat(read.retractions).extracting(FedRetraction::retracted)
                    .containsExactly(new RetractedEvent(event(LENDER, "withdrawn"), RETRACTED_AT));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRetractionIsReadOnceByTheNodesInItsTransactionsOrder(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            journal.append(LENDER, List.of(event(LENDER, "withdrawn")));
            RecordedFeed first = new RecordedFeed();
            JournalPosition position = feed.readSince(JournalPosition.START, 10, first);
            assertThat(first.retractions).isEmpty();

            var result = journal.retract(LENDER, List.of(new Retraction("withdrawn", null)), RETRACTED_AT);
            assertThat(result.transaction()).isNotNull();
            RecordedFeed second = new RecordedFeed();
            position = feed.readSince(position, 10, second);
            assertThat(second.events).isEmpty();
            assertThat(second.retractions).extracting(FedRetraction::transaction).containsExactly(result.transaction());
            RecordedFeed third = new RecordedFeed();
            feed.readSince(position, 10, third);
            assertThat(third.retractions).as("once").isEmpty();
        }
    }

    @Test
    void twoConcurrentRetractionsOfOneEventRetractItOnce() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            var journal = new JooqEventJournal(db.database());
            journal.append(LENDER, List.of(event(LENDER, "contested")));
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<Retracted>>> outcomes = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    outcomes.add(threads.submit(() -> {
                        together.await();
                        return journal.retract(LENDER, List.of(new Retraction("contested", null)), RETRACTED_AT).outcomes();
                    }));
                }
                List<Retracted> both = new ArrayList<>();
                for (Future<List<Retracted>> outcome : outcomes) {
                    both.addAll(outcome.get());
                }
                assertThat(both).containsExactlyInAnyOrder(Retracted.RETRACTED, Retracted.ALREADY_RETRACTED);
                assertThat(db.dsl().fetchCount(EVENT_RETRACTION)).isEqualTo(1);
            } finally {
                threads.shutdownNow();
            }
        }
    }
}

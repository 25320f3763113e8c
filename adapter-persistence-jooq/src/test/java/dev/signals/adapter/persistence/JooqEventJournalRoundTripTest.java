package dev.signals.adapter.persistence;

import dev.signals.application.port.out.EventJournalPort.Appended;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.signals.adapter.persistence.EventJournalFixture.EMAIL;
import static dev.signals.adapter.persistence.EventJournalFixture.INSTITUTION;
import static dev.signals.adapter.persistence.EventJournalFixture.PHONE;
import static dev.signals.adapter.persistence.EventJournalFixture.T;
import static dev.signals.adapter.persistence.EventJournalFixture.numbered;
import static dev.signals.adapter.persistence.EventJournalFixture.outcomes;
import static dev.signals.adapter.persistence.EventJournalFixture.replay;
import static dev.signals.adapter.persistence.EventJournalFixture.replayed;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the journal stores comes back as it went in, on both databases, and the feed reads it back in order. */
class JooqEventJournalRoundTripTest {

    /** A character outside the Basic Multilingual Plane: one character, two UTF-16 units. */
    private static final String ASTRAL = "\uD83D\uDE00";

    // ---- round trips

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anEventWithEveryFieldRoundTripsToTheMicrosecond(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var event = new Event("loan-778-overdue-3", INSTITUTION, EventType.OVERDUE, PHONE, EMAIL,
                    Instant.parse("2024-07-30T08:00:00.000001Z"), Instant.parse("2024-07-30T09:00:00.999999Z"),
                    new BigDecimal("1520.5"), 12, false);

            assertThat(outcomes(journal, INSTITUTION, List.of(event))).containsExactly(Appended.NEW);

            Event loaded = replayed(journal).get(0);
            assertThat(loaded).isEqualTo(event);
            assertThat(loaded.occurredAt()).isEqualTo(Instant.parse("2024-07-30T08:00:00.000001Z"));
            assertThat(loaded.reportedAt()).isEqualTo(Instant.parse("2024-07-30T09:00:00.999999Z"));
            assertThat(loaded.amount()).isEqualTo(new BigDecimal("1520.50"));
            assertThat(loaded.phone()).isEqualTo(PHONE);
            assertThat(loaded.emailAddress()).isEqualTo(EMAIL);
            assertThat(loaded.overdueDays()).isEqualTo(12);
            assertThat(loaded.autoRepayment()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void absentFieldsAndSubjectsOfOneKindRoundTripAsAbsent(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var phoneOnlyWithoutAmount = new Event("disbursed-1", INSTITUTION, EventType.LOAN_DISBURSEMENT, PHONE, null,
                    T, T, null, null, null);
            var emailOnly = new Event("marketing-1", INSTITUTION, EventType.MARKETING, null, EMAIL, T, T,
                    null, null, null);
            var overdueWithoutDetails = new Event("overdue-1", INSTITUTION, EventType.OVERDUE, PHONE, null, T, T,
                    null, null, null);
            var overdueOnAutoRepayment = new Event("overdue-2", INSTITUTION, EventType.OVERDUE, null, EMAIL, T, T,
                    new BigDecimal("0"), 0, true);
            var largestAmount = new Event("debt-1", INSTITUTION, EventType.DEBT, PHONE, EMAIL, T, T,
                    new BigDecimal("9999999999999.99"), null, null);
            var events = List.of(phoneOnlyWithoutAmount, emailOnly, overdueWithoutDetails, overdueOnAutoRepayment,
                    largestAmount);

            assertThat(outcomes(journal, INSTITUTION, events)).containsOnly(Appended.NEW).hasSize(5);

            assertThat(replayed(journal)).containsExactlyInAnyOrderElementsOf(events);
            assertThat(db.dsl().fetchCount(EVENT, EVENT.PHONE.isNull())).isEqualTo(2);
            assertThat(db.dsl().fetchCount(EVENT, EVENT.EMAIL_ADDRESS.isNull())).isEqualTo(2);
            assertThat(db.dsl().fetchCount(EVENT, EVENT.AMOUNT.isNull())).isEqualTo(3);
            assertThat(db.dsl().fetchCount(EVENT, EVENT.OVERDUE_DAYS.isNull())).isEqualTo(4);
            assertThat(db.dsl().fetchCount(EVENT, EVENT.AUTO_REPAYMENT.isNull())).isEqualTo(4);
            Event autoRepaid = replayed(journal).stream().filter(e -> e.eventId().equals("overdue-2")).findFirst().orElseThrow();
            assertThat(autoRepaid.amount()).isEqualTo(new BigDecimal("0.00"));
            assertThat(autoRepaid.overdueDays()).isZero();
            assertThat(autoRepaid.autoRepayment()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void instantsAtTheEndsOfTheDomainsRangeRoundTrip(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            Instant earliest = Instant.parse("0001-01-01T00:00:00Z");
            Instant latest = Instant.parse("9999-12-31T23:59:59.999999Z");
            // A back-fill may report an event as learned before it occurred: the journal keeps both as given.
            var event = new Event("edge-1", INSTITUTION, EventType.OTHER, PHONE, null, latest, earliest, null, null, null);

            outcomes(journal, INSTITUTION, List.of(event));

            assertThat(replayed(journal)).containsExactly(event);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyTypeIsStoredAsItsPositionInTheContractsList(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            List<EventType> contractOrder = List.of(EventType.MARKETING, EventType.APPLICATION_RECEPTION,
                    EventType.APPLICATION_APPROVAL, EventType.APPLICATION_REJECTION, EventType.LOAN_DISBURSEMENT,
                    EventType.REPAYMENT_REMINDER, EventType.SUCCESSFUL_REPAYMENT, EventType.OVERDUE, EventType.DEBT,
                    EventType.CAPTCHA, EventType.LENDING, EventType.PRELOAN, EventType.ARBITRARY, EventType.OTHER);
            assertThat(contractOrder).containsExactlyInAnyOrder(EventType.values());
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < contractOrder.size(); i++) {
                events.add(new Event("type-" + (i + 1), INSTITUTION, contractOrder.get(i), PHONE, null, T, T, null, null, null));
            }

            outcomes(journal, INSTITUTION, events);

            assertThat(replayed(journal)).containsExactlyInAnyOrderElementsOf(events);
            for (int i = 0; i < contractOrder.size(); i++) {
                Short stored = db.dsl().select(EVENT.TYPE).from(EVENT).where(EVENT.EVENT_ID.eq("type-" + (i + 1)))
                        .fetchSingle(EVENT.TYPE);
                assertThat(stored).as("code of %s", contractOrder.get(i)).isEqualTo((short) (i + 1));
            }
            assertThatThrownBy(() -> EventMapper.type((short) 15)).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theLongestEventIdsAndInstitutionsFitEvenInCharactersOfTwoUtf16Units(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var institution = new InstitutionId(ASTRAL.repeat(128));
            var event = new Event(ASTRAL.repeat(128), institution, EventType.CAPTCHA, null,
                    new EmailAddress("x".repeat(240) + "@example.com"), T, T, null, null, null);

            assertThat(outcomes(journal, institution, List.of(event))).containsExactly(Appended.NEW);

            assertThat(replayed(journal)).containsExactly(event);
        }
    }

    @Test
    void everyTypeHasACodeAndBack() {
        for (EventType type : EventType.values()) {
            assertThat(EventMapper.type(EventMapper.typeCode(type))).isEqualTo(type);
        }
        assertThat(Arrays.stream(EventType.values()).map(EventMapper::typeCode).distinct()).hasSize(EventType.values().length);
    }

    // ---- the feed from the start

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void replayHandsOverEveryEventOnceOldestFirstInPagesOfAtMostTheBatchSize(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            // Within one append, rows are stored in event-id order; these ids ascend within each append.
            var first = numbered(20, 27);
            var second = numbered(0, 5);
            var third = numbered(10, 14);
            outcomes(journal, INSTITUTION, first);
            outcomes(journal, INSTITUTION, second);
            outcomes(journal, INSTITUTION, third);
            List<Event> appended = new ArrayList<>(first);
            appended.addAll(second);
            appended.addAll(third);

            List<List<Event>> pages = new ArrayList<>();
            replay(journal, 5, pages::add);

            assertThat(pages).extracting(List::size).containsExactly(5, 5, 5, 1);
            assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(appended);
            assertThat(pageSizes(journal, 4)).containsExactly(4, 4, 4, 4);
            assertThat(pageSizes(journal, 16)).containsExactly(16);
            assertThat(pageSizes(journal, 1)).hasSize(16).containsOnly(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void replayOfAnEmptyJournalHandsOverNothing(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());

            assertThat(pageSizes(journal, 10)).isEmpty();
            assertThatThrownBy(() -> replay(journal, 0, page -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pageSize must be at least 1, was 0");
        }
    }

    private static List<Integer> pageSizes(JooqEventJournal journal, int batchSize) {
        List<Integer> sizes = new ArrayList<>();
        replay(journal, batchSize, page -> sizes.add(page.size()));
        return sizes;
    }
}

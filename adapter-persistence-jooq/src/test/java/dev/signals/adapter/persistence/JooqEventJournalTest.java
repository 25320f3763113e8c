package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.EventRecord;
import dev.signals.application.port.StorageUnavailableException;
import dev.signals.application.port.out.JournalFeedPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.application.port.out.EventJournalPort.Appended;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.ExecuteType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JooqEventJournalTest {

    private static final InstitutionId INSTITUTION = new InstitutionId("inst-a");
    private static final InstitutionId OTHER_INSTITUTION = new InstitutionId("inst-b");
    private static final Instant T = Instant.parse("2024-07-30T08:00:00.123456Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    private static final EmailAddress EMAIL = new EmailAddress("jane.doe@example.com");
    /** A character outside the Basic Multilingual Plane: one character, two UTF-16 units. */
    private static final String ASTRAL = "\uD83D\uDE00";

    // ---- events built with the domain's constructor, which checks the contract's rules

    /** An OVERDUE event with every field set. */
    private static Event overdue(String eventId) {
        return new Event(eventId, INSTITUTION, EventType.OVERDUE, PHONE, EMAIL, T, T.plusSeconds(3_600),
                new BigDecimal("1520.50"), 12, false);
    }

    /** One of many distinct events: its own phone number, every third without an amount. */
    private static Event numbered(InstitutionId institution, int n) {
        return new Event(String.format("loan-%07d", n), institution, EventType.LOAN_DISBURSEMENT,
                new PhoneNumber(String.format("+63917%07d", n)), null, T.minusSeconds(n), T,
                n % 3 == 0 ? null : BigDecimal.valueOf(100_000L + n, 2), null, null);
    }

    private static List<Event> numbered(int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> numbered(INSTITUTION, n)).toList();
    }

    private static Event withReportedAt(Event event, Instant reportedAt) {
        return new Event(event.eventId(), event.institutionId(), event.type(), event.phone(), event.emailAddress(),
                event.occurredAt(), reportedAt, event.amount(), event.overdueDays(), event.autoRepayment());
    }

    private static Event withAmount(Event event, BigDecimal amount) {
        return new Event(event.eventId(), event.institutionId(), event.type(), event.phone(), event.emailAddress(),
                event.occurredAt(), event.reportedAt(), amount, event.overdueDays(), event.autoRepayment());
    }

    /** What an append did with each event. */
    private static List<Appended> outcomes(JooqEventJournal journal, InstitutionId institution, List<Event> events) {
        return journal.append(institution, events).outcomes();
    }

    /** Hands {@code sink} the whole journal as the feed reads it from the start, page by page. */
    private static void replay(JooqEventJournal journal, int pageSize, Consumer<List<Event>> sink) {
        new JooqJournalFeed(journal.database()).readSince(JournalPosition.START, pageSize,
                page -> sink.accept(page.stream().map(JournalFeedPort.FedEvent::event).toList()));
    }

    /** Every event of the journal, in the order the feed reads them from the start. */
    private static List<Event> replayed(JooqEventJournal journal) {
        List<Event> events = new ArrayList<>();
        replay(journal, 1_000, events::addAll);
        return events;
    }

    private static List<Integer> pageSizes(JooqEventJournal journal, int batchSize) {
        List<Integer> sizes = new ArrayList<>();
        replay(journal, batchSize, page -> sizes.add(page.size()));
        return sizes;
    }

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

    // ---- duplicates and conflicts

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void appendingTheSameEventsAgainIsADuplicateEvenWithAnotherReportedAtAndStoresNothing(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var first = overdue("e-1");
            var second = numbered(INSTITUTION, 2);
            outcomes(journal, INSTITUTION, List.of(first, second));

            var outcomes = outcomes(journal, INSTITUTION, List.of(second, withReportedAt(first, T.plusSeconds(86_400))));

            assertThat(outcomes).containsExactly(Appended.DUPLICATE, Appended.DUPLICATE);
            assertThat(replayed(journal)).containsExactlyInAnyOrder(first, second);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anEventIdStoredWithOtherContentIsAConflictAndTheStoredEventStays(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var stored = overdue("e-1");
            outcomes(journal, INSTITUTION, List.of(stored));
            var changes = List.of(
                    new Event("e-1", INSTITUTION, EventType.DEBT, PHONE, EMAIL, T, T, new BigDecimal("1520.50"), null, null),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, new PhoneNumber("+639181234567"), EMAIL, T, T,
                            new BigDecimal("1520.50"), 12, false),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, PHONE, null, T, T, new BigDecimal("1520.50"), 12, false),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, PHONE, EMAIL, T.minusNanos(1_000), T,
                            new BigDecimal("1520.50"), 12, false),
                    withAmount(stored, new BigDecimal("1520.51")),
                    withAmount(stored, null),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, PHONE, EMAIL, T, T, new BigDecimal("1520.50"), 13, false),
                    new Event("e-1", INSTITUTION, EventType.OVERDUE, PHONE, EMAIL, T, T, new BigDecimal("1520.50"), 12, null));

            for (Event changed : changes) {
                assertThat(outcomes(journal, INSTITUTION, List.of(changed))).as("%s", changed).containsExactly(Appended.CONFLICT);
            }

            assertThat(replayed(journal)).containsExactly(stored);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void oneBatchOfNewDuplicateAndConflictingEventsIsAnsweredInItsOwnOrder(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            outcomes(journal, INSTITUTION, List.of(numbered(INSTITUTION, 1), numbered(INSTITUTION, 2)));

            var outcomes = outcomes(journal, INSTITUTION, List.of(
                    numbered(INSTITUTION, 9),
                    withAmount(numbered(INSTITUTION, 2), new BigDecimal("7.00")),
                    numbered(INSTITUTION, 1),
                    numbered(INSTITUTION, 3)));

            assertThat(outcomes).containsExactly(Appended.NEW, Appended.CONFLICT, Appended.DUPLICATE, Appended.NEW);
            assertThat(replayed(journal)).containsExactlyInAnyOrder(numbered(INSTITUTION, 1), numbered(INSTITUTION, 2),
                    numbered(INSTITUTION, 3), numbered(INSTITUTION, 9));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anEventIdRepeatedWithinOneBatchIsStoredOnceAndTheRepeatsAreDuplicatesOrConflicts(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var event = overdue("e-1");

            var outcomes = outcomes(journal, INSTITUTION, List.of(event, withReportedAt(event, T), withAmount(event, null)));

            assertThat(outcomes).containsExactly(Appended.NEW, Appended.DUPLICATE, Appended.CONFLICT);
            assertThat(replayed(journal)).containsExactly(event);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void eventIdsAreUniquePerInstitutionOnly(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var ours = numbered(INSTITUTION, 1);
            var theirs = numbered(OTHER_INSTITUTION, 1);

            assertThat(outcomes(journal, INSTITUTION, List.of(ours))).containsExactly(Appended.NEW);
            assertThat(outcomes(journal, OTHER_INSTITUTION, List.of(theirs))).containsExactly(Appended.NEW);
            assertThat(outcomes(journal, OTHER_INSTITUTION, List.of(theirs))).containsExactly(Appended.DUPLICATE);

            assertThat(replayed(journal)).containsExactly(ours, theirs);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchHoldingAnotherInstitutionsEventIsRefusedWithNothingStored(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());

            assertThatThrownBy(() -> outcomes(journal, INSTITUTION, List.of(numbered(INSTITUTION, 1), numbered(OTHER_INSTITUTION, 2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("loan-0000002 belongs to institution inst-b, not to inst-a");
            assertThat(outcomes(journal, INSTITUTION, List.of())).isEmpty();

            assertThat(db.dsl().fetchCount(EVENT)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void tenThousandEventsInOneCallAreStoredOnceAndRecognisedInTheNextCall(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            List<Event> events = numbered(0, 10_000);

            assertThat(outcomes(journal, INSTITUTION, events)).hasSize(10_000).containsOnly(Appended.NEW);
            assertThat(db.dsl().fetchCount(EVENT)).isEqualTo(10_000);

            // Half of them again, every other one changed, and 5,000 new ones: across every lookup chunk.
            List<Event> again = new ArrayList<>();
            for (int n = 5_000; n < 15_000; n++) {
                Event event = numbered(INSTITUTION, n);
                again.add(n < 10_000 && n % 2 == 1 ? withAmount(event, new BigDecimal("1.00")) : event);
            }
            List<Appended> outcomes = outcomes(journal, INSTITUTION, again);

            assertThat(outcomes).hasSize(10_000);
            for (int i = 0; i < again.size(); i++) {
                int n = 5_000 + i;
                Appended expected = n >= 10_000 ? Appended.NEW : n % 2 == 1 ? Appended.CONFLICT : Appended.DUPLICATE;
                assertThat(outcomes.get(i)).as("event %d", n).isEqualTo(expected);
            }
            assertThat(replayed(journal)).containsExactlyElementsOf(numbered(0, 15_000));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchIsLookedUpThroughTheUniqueIndexRatherThanByReadingTheInstitutionsRows(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            outcomes(journal, INSTITUTION, numbered(0, 3_000));
            var lookup = JooqEventJournal.lookup(db.dsl(), INSTITUTION, List.of("loan-0000007", "loan-0001234", "loan-9999999"));

            String plan = db.dsl().fetch("explain analyze " + lookup.getSQL(), lookup.getBindValues().toArray()).stream()
                    .map(row -> row.get(0, String.class))
                    .collect(Collectors.joining("\n"));

            assertThat(lookup.fetch()).extracting(EventRecord::getEventId)
                    .containsExactlyInAnyOrder("loan-0000007", "loan-0001234");
            switch (kind) {
                case H2 -> {
                    // H2 counts the rows it visited: a handful through the index, 3,000 when it reads them all.
                    Matcher scanCount = Pattern.compile("scanCount: (\\d+)").matcher(plan);
                    assertThat(scanCount.find()).as(plan).isTrue();
                    assertThat(Integer.parseInt(scanCount.group(1))).as(plan).isLessThan(10);
                }
                case POSTGRES -> assertThat(plan).contains("uq_event_event_id_institution").doesNotContain("Seq Scan");
            }
        }
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

    // ---- concurrent writers and an unreachable database

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void twoThreadsAppendingOverlappingBatchesStoreEachEventOnce(DatabaseKind kind) throws Exception {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                int rounds = 5;
                for (int round = 0; round < rounds; round++) {
                    // Left takes the first 1,000 ids of the round, right the last 1,000 in reverse; 500 are shared.
                    int base = round * 1_500;
                    List<Event> left = numbered(base, base + 1_000);
                    List<Event> right = new ArrayList<>(numbered(base + 500, base + 1_500));
                    Collections.reverse(right);
                    var barrier = new CyclicBarrier(2);
                    Future<List<Appended>> leftOutcomes = threads.submit(() -> {
                        barrier.await();
                        return outcomes(journal, INSTITUTION, left);
                    });
                    Future<List<Appended>> rightOutcomes = threads.submit(() -> {
                        barrier.await();
                        return outcomes(journal, INSTITUTION, right);
                    });

                    List<Appended> l = leftOutcomes.get(60, TimeUnit.SECONDS);
                    List<Appended> r = rightOutcomes.get(60, TimeUnit.SECONDS);

                    assertThat(l.subList(0, 500)).containsOnly(Appended.NEW);
                    assertThat(r.subList(0, 500)).containsOnly(Appended.NEW);
                    for (int n = base + 500; n < base + 1_000; n++) {
                        Appended byLeft = l.get(n - base);
                        Appended byRight = r.get(base + 1_499 - n);
                        assertThat(List.of(byLeft, byRight)).as("event %d", n)
                                .containsExactlyInAnyOrder(Appended.NEW, Appended.DUPLICATE);
                    }
                }
                assertThat(db.dsl().fetchCount(EVENT)).isEqualTo(rounds * 1_500);
                List<Event> byEventId = replayed(journal).stream().sorted(Comparator.comparing(Event::eventId)).toList();
                assertThat(byEventId).isEqualTo(numbered(0, rounds * 1_500));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    // On H2 an append looks its ids up before it inserts, so another writer can slip in between: the append
    // collides on the unique key and runs again. PostgreSQL has no such window (ON CONFLICT waits for the other
    // writer and skips its rows); its tests follow these.

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = "H2")
    void eventIdsAnotherWriterCommitsDuringTheAppendMakeItRunAgainAndBeRecognised(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind); var otherInstance = StartedDatabase.sharing(db)) {
            var journal = new JooqEventJournal(db.database());
            var otherWriter = new JooqEventJournal(otherInstance.database());
            var batch = List.of(numbered(INSTITUTION, 1), numbered(INSTITUTION, 2), numbered(INSTITUTION, 3),
                    numbered(INSTITUTION, 4));
            var sameAsSecond = withReportedAt(batch.get(1), T.plusSeconds(5));
            var otherThanThird = withAmount(batch.get(2), new BigDecimal("3.33"));
            // Right after the append has looked its event ids up and found none of them.
            AtomicInteger lookups = afterEachLookup(db, otherWriter, List.of(List.of(sameAsSecond, otherThanThird)));

            var outcomes = outcomes(journal, INSTITUTION, batch);

            assertThat(lookups).hasValue(2);
            assertThat(outcomes).containsExactly(Appended.NEW, Appended.DUPLICATE, Appended.CONFLICT, Appended.NEW);
            assertThat(replayed(journal)).containsExactlyInAnyOrder(batch.get(0), sameAsSecond, otherThanThird, batch.get(3));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = "H2")
    void anAppendThatCollidesAgainWhenItRunsAgainFailsWithNothingOfItStored(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind); var otherInstance = StartedDatabase.sharing(db)) {
            var journal = new JooqEventJournal(db.database());
            var otherWriter = new JooqEventJournal(otherInstance.database());
            int attempts = JooqEventJournal.H2_ATTEMPTS;
            var batch = numbered(0, attempts + 2);
            // After each lookup, another of the batch's event ids, so that every run of the append collides again.
            List<List<Event>> collisions = new ArrayList<>();
            for (int i = 1; i <= attempts; i++) {
                collisions.add(List.of(batch.get(i)));
            }
            AtomicInteger lookups = afterEachLookup(db, otherWriter, collisions);

            assertThatThrownBy(() -> outcomes(journal, INSTITUTION, batch))
                    .isInstanceOf(DataAccessException.class)
                    .satisfies(e -> assertThat(Statements.isUniqueViolation((DataAccessException) e)).isTrue());

            assertThat(lookups).hasValue(attempts);
            assertThat(replayed(journal)).containsExactlyElementsOf(batch.subList(1, attempts + 1));
        }
    }

    @Test
    void onPostgresAnAppendWaitsForAWriterOfTheSameIdsAndRecognisesWhatItCommitted() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES); var otherInstance = StartedDatabase.sharing(db)) {
            var journal = new JooqEventJournal(db.database());
            var batch = numbered(1, 5);
            var sameAsSecond = withReportedAt(batch.get(1), T.plusSeconds(5));
            var otherThanThird = withAmount(batch.get(2), new BigDecimal("3.33"));
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try (var other = UncommittedWriter.start(otherInstance, threads, List.of(sameAsSecond, otherThanThird))) {
                Future<List<Appended>> appended = threads.submit(() -> outcomes(journal, INSTITUTION, batch));
                other.awaitSomeoneWaitingForIt(db);
                other.commit();

                assertThat(appended.get(60, TimeUnit.SECONDS))
                        .containsExactly(Appended.NEW, Appended.DUPLICATE, Appended.CONFLICT, Appended.NEW);
                assertThat(replayed(journal)).containsExactlyInAnyOrder(batch.get(0), sameAsSecond, otherThanThird, batch.get(3));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void onPostgresAnAppendWaitingForAWriterThatRollsBackStoresTheEventsItself() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES); var otherInstance = StartedDatabase.sharing(db)) {
            var journal = new JooqEventJournal(db.database());
            var batch = numbered(1, 5);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try (var other = UncommittedWriter.start(otherInstance, threads, List.of(batch.get(2)))) {
                Future<List<Appended>> appended = threads.submit(() -> outcomes(journal, INSTITUTION, batch));
                other.awaitSomeoneWaitingForIt(db);
                other.rollBack();

                assertThat(appended.get(60, TimeUnit.SECONDS)).containsOnly(Appended.NEW).hasSize(4);
                assertThat(replayed(journal)).containsExactlyInAnyOrderElementsOf(batch);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void onPostgresAConnectionLostInTheMiddleOfAnAppendLeavesNothingOfItStored() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES); var otherInstance = StartedDatabase.sharing(db)) {
            var journal = new JooqEventJournal(db.database());
            var batch = numbered(1, 5);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try (var other = UncommittedWriter.start(otherInstance, threads, List.of(batch.get(2)))) {
                Future<List<Appended>> appended = threads.submit(() -> outcomes(journal, INSTITUTION, batch));
                // The append has inserted its first two rows and waits on the third: its connection goes away.
                int waiting = other.awaitSomeoneWaitingForIt(db);
                otherInstance.dsl().fetch("select pg_terminate_backend(?)", waiting);

                assertThatThrownBy(() -> appended.get(60, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StorageUnavailableException.class);
                other.rollBack();
            } finally {
                threads.shutdownNow();
            }
            assertThat(replayed(journal)).isEmpty();
            assertThat(outcomes(journal, INSTITUTION, batch)).containsOnly(Appended.NEW).hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aStoredEventIdRepeatedInALaterBatchIsComparedWithTheStoredEventEachTime(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var event = overdue("e-1");
            outcomes(journal, INSTITUTION, List.of(event));

            var outcomes = outcomes(journal, INSTITUTION, List.of(withAmount(event, null), overdue("e-2"),
                    withReportedAt(event, T), withAmount(event, null)));

            assertThat(outcomes).containsExactly(Appended.CONFLICT, Appended.NEW, Appended.DUPLICATE, Appended.CONFLICT);
            assertThat(replayed(journal)).containsExactly(event, overdue("e-2"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void withoutAConnectionInTimeAppendAndReplayReportTheStorageUnavailable(DatabaseKind kind) {
        var testDatabase = TestDatabases.create(kind);
        // Two connections (Flyway needs two to migrate), both held below, and a short wait for a third.
        var twoConnections = new DatabaseSettings(testDatabase.settings().url(), testDatabase.settings().user(),
                testDatabase.settings().password(), testDatabase.settings().schema(), 2, Duration.ofMillis(250),
                DatabaseSettings.DEFAULT_STATEMENT_TIMEOUT);
        try (var started = StartedDatabase.start(testDatabase, new Database(twoConnections))) {
            var journal = new JooqEventJournal(started.database());

            started.dsl().connection(first -> started.dsl().connection(second -> {
                assertThatThrownBy(() -> outcomes(journal, INSTITUTION, List.of(overdue("e-1"))))
                        .isInstanceOf(StorageUnavailableException.class)
                        .hasRootCauseInstanceOf(SQLTransientConnectionException.class);
                assertThatThrownBy(() -> replay(journal, 10, page -> { }))
                        .isInstanceOf(StorageUnavailableException.class);
            }));

            assertThat(outcomes(journal, INSTITUTION, List.of(overdue("e-1")))).containsExactly(Appended.NEW);
        }
    }

    @Test
    void everyTypeHasACodeAndBack() {
        for (EventType type : EventType.values()) {
            assertThat(EventMapper.type(EventMapper.typeCode(type))).isEqualTo(type);
        }
        assertThat(Arrays.stream(EventType.values()).map(EventMapper::typeCode).distinct()).hasSize(EventType.values().length);
    }

    /**
     * Another writer on PostgreSQL that has inserted some events in a transaction it keeps open until told to
     * commit or roll back, as another instance of the service in the middle of its append would.
     */
    private static final class UncommittedWriter implements AutoCloseable {

        private final java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CompletableFuture<Boolean> commit = new java.util.concurrent.CompletableFuture<>();
        private volatile int pid;
        private Future<?> running;

        static UncommittedWriter start(StartedDatabase other, ExecutorService threads, List<Event> events) throws Exception {
            var writer = new UncommittedWriter();
            writer.running = threads.submit(() -> other.dsl().connection(connection -> {
                connection.setAutoCommit(false);
                try (var statement = connection.createStatement(); var rows = statement.executeQuery("select pg_backend_pid()")) {
                    rows.next();
                    writer.pid = rows.getInt(1);
                }
                PostgresEventInsert.insertNew(connection, 10, INSTITUTION, events);
                writer.inserted.countDown();
                if (writer.commit.get(60, TimeUnit.SECONDS)) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }));
            assertThat(writer.inserted.await(60, TimeUnit.SECONDS)).as("the other writer inserted its rows").isTrue();
            return writer;
        }

        /** Waits until a session of {@code db} waits for this writer's transaction; that session's pid. */
        int awaitSomeoneWaitingForIt(StartedDatabase db) throws InterruptedException {
            for (int attempt = 0; attempt < 6_000; attempt++) {
                var waiting = db.dsl().fetch("select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid))", pid);
                if (!waiting.isEmpty()) {
                    return waiting.get(0).get(0, Integer.class);
                }
                Thread.sleep(10);
            }
            throw new AssertionError("no session came to wait for the other writer's transaction");
        }

        void commit() throws Exception {
            commit.complete(true);
            running.get(60, TimeUnit.SECONDS);
        }

        void rollBack() throws Exception {
            commit.complete(false);
            running.get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            commit.complete(false);
        }
    }

    /**
     * Has {@code otherWriter} append {@code intrusions.get(i)} for {@link #INSTITUTION} right after the i-th
     * query that reads from {@code db} (the append's lookups), before anything is inserted: the moment a
     * concurrent writer can slip in. The other writer must use another {@link Database} (another instance of
     * the service), or its own lookups would count here.
     *
     * @return how many reading queries {@code db} ran since
     */
    private static AtomicInteger afterEachLookup(StartedDatabase db, JooqEventJournal otherWriter,
                                                 List<List<Event>> intrusions) {
        AtomicInteger lookups = new AtomicInteger();
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext ctx) {
                // The look-ups of the batch's ids; not the check of which found ids were retracted, which follows one.
                if (ctx.type() == ExecuteType.READ && !ctx.sql().contains("event_retraction")) {
                    int lookup = lookups.getAndIncrement();
                    if (lookup < intrusions.size()) {
                        assertThat(outcomes(otherWriter, INSTITUTION, intrusions.get(lookup))).containsOnly(Appended.NEW);
                    }
                }
            }
        };
        var configuration = db.dsl().configuration();
        List<ExecuteListenerProvider> providers = new ArrayList<>(Arrays.asList(configuration.executeListenerProviders()));
        providers.add(new DefaultExecuteListenerProvider(listener));
        configuration.set(providers.toArray(ExecuteListenerProvider[]::new));
        return lookups;
    }
}

package dev.signals.adapter.persistence;

import dev.signals.application.port.out.EventJournalPort.AppendResult;
import dev.signals.application.port.out.EventJournalPort.Appended;
import dev.signals.application.port.out.EventJournalPort.RetractResult;
import dev.signals.application.port.out.JournalFeedPort.FedEvent;
import dev.signals.application.port.out.JournalFeedPort.FedRetraction;
import dev.signals.application.port.out.JournalFeedPort.FeedSink;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.Retraction;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.signals.adapter.persistence.InsideJournalTransactions.AFTER_FIRST_WRITE;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT_RETRACTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The journal read as a feed by a node, on both databases: every row exactly once, in whatever order transactions
 * commit, and nothing of a transaction that rolled back; a transaction still open holds the horizon back. On PostgreSQL
 * also the transactions of sessions other than the journal's; on H2, the numbers the process gives its transactions.
 */
class JooqJournalFeedTest {

    private static final InstitutionId LENDER = new InstitutionId("lender-a");
    private static final Instant T = Instant.parse("2024-08-01T00:00:00Z");

    /** One event, inserted on {@code connection} in whatever transaction it is in. */
    private static void insert(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into event (institution_id, event_id, type, phone,"
                + " occurred_at, reported_at) values (?, ?, 1, '+639171234567', ?, ?)")) {
            insert.setString(1, LENDER.value());
            insert.setString(2, eventId);
            insert.setObject(3, Timestamps.toColumn(T));
            insert.setObject(4, Timestamps.toColumn(T));
            insert.executeUpdate();
        }
    }

    /** The event ids read from {@code from}, in order; {@code reached} gets the position read up to. */
    private static List<String> read(JooqJournalFeed feed, JournalPosition from, JournalPosition[] reached) {
        List<String> ids = new ArrayList<>();
        reached[0] = feed.readSince(from, 2, page -> page.forEach(fed -> ids.add(fed.event().eventId())));
        return ids;
    }

    @Test
    void aTransactionThatCommitsAfterALaterOneIsReadAfterItOnceAndNotSkipped() {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            var feed = new JooqJournalFeed(db.database());
            JournalPosition[] position = new JournalPosition[1];
            db.dsl().connection(early -> db.dsl().connection(late -> {
                early.setAutoCommit(false);
                late.setAutoCommit(false);
                insert(early, "early");   // the lower seq
                insert(late, "late");     // the higher seq, committed first
                late.commit();
                long lateSeq = db.dsl().select(EVENT.SEQ).from(EVENT).where(EVENT.EVENT_ID.eq("late")).fetchSingle().value1();

                // A reader by seq would now take "late" and go on after its seq, never to come back for "early".
                assertThat(db.dsl().selectCount().from(EVENT).where(EVENT.SEQ.lt(lateSeq)).fetchSingle().value1()).isZero();
                assertThat(read(feed, JournalPosition.START, position))
                        .as("the horizon stays below the transaction still running, so 'late' waits").isEmpty();
                JournalPosition first = position[0];

                early.commit();
                assertThat(read(feed, first, position)).containsExactly("early", "late");
                assertThat(position[0]).isGreaterThan(first);
                assertThat(read(feed, position[0], position)).as("each row once").isEmpty();
            }));
        }
    }

    @Test
    void whatATransactionRolledBackIsNeverRead() {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            var feed = new JooqJournalFeed(db.database());
            JournalPosition[] position = {JournalPosition.START};
            db.dsl().connection(connection -> {
                connection.setAutoCommit(false);
                insert(connection, "regretted");
                connection.rollback();
                insert(connection, "kept");
                connection.commit();
            });
            List<String> read = new ArrayList<>(read(feed, JournalPosition.START, position));
            read.addAll(read(feed, position[0], position));
            assertThat(read).containsExactly("kept");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void concurrentAppendsAndRetractionsAreEachReadExactlyOnceByAReaderRunningAllAlong(DatabaseKind kind) throws Exception {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            var inside = InsideJournalTransactions.on(db.database());
            int writers = 4;
            int appendsEach = 60;
            ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
            try {
                AtomicBoolean writing = new AtomicBoolean(true);
                AtomicReference<JournalPosition> horizon = new AtomicReference<>(JournalPosition.START);
                List<FedEvent> readEvents = Collections.synchronizedList(new ArrayList<>());
                List<FedRetraction> readRetractions = Collections.synchronizedList(new ArrayList<>());
                Future<Integer> reader = threads.submit(() -> {
                    int rounds = 0;
                    boolean last = false;
                    while (!last) {
                        last = !writing.get();   // one more read once every writer has committed
                        horizon.set(feed.readSince(horizon.get(), 7, new FeedSink() {
                            @Override
                            public void events(List<FedEvent> page) {
                                readEvents.addAll(page);
                            }

                            @Override
                            public void retractions(List<FedRetraction> page) {
                                readRetractions.addAll(page);
                            }
                        }));
                        rounds++;
                    }
                    return rounds;
                });
                Map<String, JournalPosition> appended = new ConcurrentHashMap<>();
                Map<String, JournalPosition> retracted = new ConcurrentHashMap<>();
                List<Future<?>> appends = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    appends.add(threads.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        List<String> mine = new ArrayList<>();
                        for (int a = 0; a < appendsEach; a++) {
                            List<Event> batch = new ArrayList<>();
                            for (int e = random.nextInt(1, 6); e > 0; e--) {
                                batch.add(event("w" + writer + "-a" + a + "-e" + e));
                            }
                            JournalPosition before = horizon.get();
                            // Now and then a transaction that stays open while others commit after it.
                            AppendResult result = random.nextInt(5) == 0
                                    ? inside.calling(() -> journal.append(LENDER, batch), AFTER_FIRST_WRITE, () -> pause(random.nextInt(5, 30)))
                                    : journal.append(LENDER, batch);
                            assertThat(result.transaction()).as("at or above a horizon read before it").isGreaterThanOrEqualTo(before);
                            batch.forEach(event -> appended.put(event.eventId(), result.transaction()));
                            batch.forEach(event -> mine.add(event.eventId()));
                            if (random.nextInt(4) == 0) {
                                String id = mine.remove(random.nextInt(mine.size()));
                                Supplier<RetractResult> retract = () -> journal.retract(LENDER, List.of(new Retraction(id, null)), T);
                                RetractResult withdrawn = random.nextBoolean()
                                        ? inside.calling(retract, AFTER_FIRST_WRITE, () -> pause(random.nextInt(5, 30)))
                                        : retract.get();
                                retracted.put(id, withdrawn.transaction());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> append : appends) {
                    append.get();
                }
                writing.set(false);
                int rounds = reader.get();

                assertThat(rounds).as("read incrementally").isGreaterThan(1);
                assertThat(db.dsl().fetchCount(EVENT)).isEqualTo(appended.size());
                assertThat(readEvents).as("every committed event once, none twice").hasSize(appended.size());
                assertThat(readEvents.stream().collect(Collectors.toMap(fed -> fed.event().eventId(), FedEvent::transaction)))
                        .as("each with its append's position").isEqualTo(appended);
                assertThat(db.dsl().fetchCount(EVENT_RETRACTION)).isEqualTo(retracted.size());
                assertThat(readRetractions).as("every committed retraction once, none twice").hasSize(retracted.size());
                assertThat(readRetractions.stream().collect(Collectors.toMap(fed -> fed.retracted().event().eventId(),
                        FedRetraction::transaction))).as("each with its retraction's position").isEqualTo(retracted);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anAppendHeldOpenHoldsTheHorizonBackAndGetsAPositionAtOrAboveTheHorizonReadBeforeItCommits(DatabaseKind kind)
            throws Exception {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            var inside = InsideJournalTransactions.on(db.database());
            JournalPosition[] position = new JournalPosition[1];
            CountDownLatch inserted = new CountDownLatch(1);
            CountDownLatch mayCommit = new CountDownLatch(1);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<AppendResult> early = thread.submit(() -> inside.calling(() -> journal.append(LENDER, List.of(event("early"))),
                        AFTER_FIRST_WRITE, () -> {
                            inserted.countDown();
                            await(mayCommit);
                        }));
                assertThat(inserted.await(30, TimeUnit.SECONDS)).as("the early append inserted its row").isTrue();
                AppendResult late = journal.append(LENDER, List.of(event("late")));

                assertThat(read(feed, JournalPosition.START, position))
                        .as("the horizon stays below the append still open, so 'late' waits").isEmpty();
                JournalPosition whileOpen = position[0];
                assertThat(late.transaction()).isGreaterThanOrEqualTo(whileOpen);

                mayCommit.countDown();
                AppendResult committed = early.get(30, TimeUnit.SECONDS);
                assertThat(committed.transaction()).as("at or above the horizon read while it was open")
                        .isGreaterThanOrEqualTo(whileOpen);
                assertThat(read(feed, whileOpen, position)).containsExactly("early", "late");
                assertThat(position[0]).isGreaterThan(committed.transaction()).isGreaterThan(late.transaction());
                assertThat(read(feed, position[0], position)).as("each row once").isEmpty();
            } finally {
                mayCommit.countDown();
                thread.shutdownNow();
            }
        }
    }

    @Test
    void onH2ATransactionIsReadWholeInItsNumbersOrderAcrossPagesWhateverOrderItsRowsWereInsertedIn() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.H2)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            var inside = InsideJournalTransactions.on(db.database());
            JournalPosition[] position = new JournalPosition[1];
            CountDownLatch numbered = new CountDownLatch(1);
            CountDownLatch mayInsert = new CountDownLatch(1);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                // The early append has its number and has looked its ids up; the late one inserts (lower seqs) and commits.
                Future<AppendResult> early = thread.submit(() -> inside.calling(
                        () -> journal.append(LENDER, List.of(event("early-1"), event("early-2"), event("early-3"))),
                        InsideJournalTransactions.AFTER_LOOKUP, () -> {
                            numbered.countDown();
                            await(mayInsert);
                        }));
                assertThat(numbered.await(30, TimeUnit.SECONDS)).isTrue();
                AppendResult late = journal.append(LENDER, List.of(event("late-1"), event("late-2"), event("late-3")));
                assertThat(read(feed, JournalPosition.START, position)).isEmpty();
                JournalPosition whileOpen = position[0];
                mayInsert.countDown();
                AppendResult committed = early.get(30, TimeUnit.SECONDS);
                assertThat(committed.transaction()).isLessThan(late.transaction());

                assertThat(read(feed, whileOpen, position)).as("by transaction, then seq, in pages of 2")
                        .containsExactly("early-1", "early-2", "early-3", "late-1", "late-2", "late-3");
            } finally {
                mayInsert.countDown();
                thread.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anAppendThatFailsAfterItsInsertIsNeverReadAndHoldsNothingBack(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            var inside = InsideJournalTransactions.on(db.database());
            JournalPosition[] position = new JournalPosition[1];
            assertThat(read(feed, JournalPosition.START, position)).isEmpty();
            JournalPosition before = position[0];

            assertThatThrownBy(() -> inside.calling(() -> journal.append(LENDER, List.of(event("failed"))), AFTER_FIRST_WRITE,
                    () -> {
                        throw new IllegalStateException("the test fails this append after its insert");
                    })).hasStackTraceContaining("the test fails this append after its insert");
            AppendResult kept = journal.append(LENDER, List.of(event("kept")));

            assertThat(read(feed, before, position)).containsExactly("kept");
            assertThat(position[0]).as("past the failed append's transaction too").isGreaterThan(kept.transaction());
            assertThat(db.dsl().fetchCount(EVENT)).isEqualTo(1);
        }
    }

    @Test
    void onH2AnAppendRunAgainAfterAUniqueViolationIsReadOnceAtTheNumberOfTheRunThatCommitted() {
        try (var db = StartedDatabase.start(DatabaseKind.H2)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            var inside = InsideJournalTransactions.on(db.database());
            AppendResult[] intruder = new AppendResult[1];
            // Right after the append has looked its ids up, another append of this process stores one of them first.
            AppendResult appended = inside.calling(() -> journal.append(LENDER, List.of(event("contested"), event("own"))),
                    InsideJournalTransactions.AFTER_LOOKUP, () -> intruder[0] = journal.append(LENDER, List.of(event("contested"))));

            assertThat(appended.outcomes()).as("run again").containsExactly(Appended.DUPLICATE, Appended.NEW);
            assertThat(appended.transaction()).isGreaterThan(intruder[0].transaction());
            List<FedEvent> fed = new ArrayList<>();
            JournalPosition horizon = feed.readSince(JournalPosition.START, 10, fed::addAll);
            assertThat(fed).extracting(read -> read.event().eventId(), FedEvent::transaction)
                    .containsExactly(tuple("contested", intruder[0].transaction()), tuple("own", appended.transaction()));
            assertThat(horizon).as("the run that collided holds nothing back").isGreaterThan(appended.transaction());
        }
    }

    private static Event event(String id) {
        return new Event(id, LENDER, EventType.MARKETING, new PhoneNumber("+639171234567"), null, T, T, null, null, null);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anAppendAndARetractionNameTheirTransactionsSoThatTheirNodeCanTellThemInTheFeed(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            var appended = journal.append(LENDER, List.of(event("one"), event("two")));
            assertThat(appended.transaction()).isNotNull();
            assertThat(journal.append(LENDER, List.of(event("one"))).transaction()).as("nothing new").isNull();
            var retracted = journal.retract(LENDER, List.of(new Retraction("two", null)), T);
            assertThat(retracted.transaction()).isGreaterThan(appended.transaction());
            assertThat(journal.retract(LENDER, List.of(new Retraction("two", null)), T).transaction()).as("nothing new").isNull();

            List<FedEvent> events = new ArrayList<>();
            List<FedRetraction> retractions = new ArrayList<>();
            JournalPosition horizon = feed.readSince(JournalPosition.START, 10, new FeedSink() {
                @Override
                public void events(List<FedEvent> page) {
                    events.addAll(page);
                }

                @Override
                public void retractions(List<FedRetraction> page) {
                    retractions.addAll(page);
                }
            });
            assertThat(events).extracting(FedEvent::transaction).containsExactly(appended.transaction(), appended.transaction());
            assertThat(retractions).extracting(FedRetraction::transaction).containsExactly(retracted.transaction());
            assertThat(horizon).isGreaterThan(retracted.transaction());
            assertThat(feed.sharedWithOtherProcesses()).isEqualTo(kind == DatabaseKind.POSTGRES);
        }
    }

    @Test
    void onPostgresAnAppendWakesUpANodeWaitingForCommits() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            var journal = new JooqEventJournal(db.database());
            try (var feed = new JooqJournalFeed(db.database())) {
                assertThat(feed.awaitCommits(Duration.ofMillis(10))).as("nothing yet; now listening").isFalse();
                journal.append(LENDER, List.of(event("wake-up")));
                assertThat(feed.awaitCommits(Duration.ofSeconds(10))).isTrue();
            }
        }
    }

    @Test
    void onH2RowsStoredBeforeTransactionsWereNumberedAreReadFromTheStartOnly() {
        try (var db = StartedDatabase.start(DatabaseKind.H2)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            db.dsl().connection(connection -> insert(connection, "unnumbered"));
            journal.append(LENDER, List.of(event("numbered")));
            JournalPosition[] position = new JournalPosition[1];

            assertThat(read(feed, JournalPosition.START, position)).containsExactly("unnumbered", "numbered");
            assertThat(read(feed, position[0], position)).isEmpty();
        }
    }

    @Test
    void onH2NumbersGoOnAboveTheJournalsWhenItsFileIsOpenedAgain(@TempDir Path directory) {
        var settings = DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("journal"), "sa", "");
        JournalPosition reached;
        RetractResult retracted;
        try (var database = new Database(settings)) {
            database.start();
            var journal = new JooqEventJournal(database);
            var feed = new JooqJournalFeed(database);
            journal.append(LENDER, List.of(event("before"), event("withdrawn")));
            retracted = journal.retract(LENDER, List.of(new Retraction("withdrawn", null)), T);
            reached = feed.readSince(JournalPosition.START, 10, page -> { });
        }
        try (var database = new Database(settings)) {
            database.start();
            var journal = new JooqEventJournal(database);
            var feed = new JooqJournalFeed(database);
            var after = journal.append(LENDER, List.of(event("after")));

            assertThat(after.transaction()).as("above the retraction's, the highest number stored")
                    .isGreaterThan(retracted.transaction());
            JournalPosition[] position = new JournalPosition[1];
            assertThat(read(feed, reached, position)).as("a position read before means the same rows after")
                    .containsExactly("after");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the test let the transaction go on").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.signals.adapter.persistence;

import dev.signals.application.port.out.JournalFeedPort.FedEvent;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal read as a feed by a node: on PostgreSQL every row exactly once, in whatever order transactions
 * commit, and nothing of a transaction that rolled back; on the embedded H2, the whole journal once.
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

    @Test
    void concurrentAppendsOfRandomLengthAreEachReadExactlyOnceByAReaderRunningAllAlong() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            int writers = 4;
            int appendsEach = 60;
            ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
            try {
                AtomicBoolean writing = new AtomicBoolean(true);
                List<String> read = Collections.synchronizedList(new ArrayList<>());
                Future<?> reader = threads.submit(() -> {
                    JournalPosition at = JournalPosition.START;
                    boolean last = false;
                    while (!last) {
                        last = !writing.get();   // one more read once every writer has committed
                        at = feed.readSince(at, 7, page -> page.forEach(fed -> read.add(fed.event().eventId())));
                    }
                    return null;
                });
                List<Future<?>> appends = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    appends.add(threads.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int a = 0; a < appendsEach; a++) {
                            List<Event> batch = new ArrayList<>();
                            for (int e = random.nextInt(1, 6); e > 0; e--) {
                                batch.add(event("w" + writer + "-a" + a + "-e" + e));
                            }
                            if (random.nextInt(5) == 0) {
                                // Now and then a transaction that stays open while others commit after it.
                                String held = "w" + writer + "-a" + a + "-held";
                                db.dsl().transaction(tx -> {
                                    tx.dsl().connection(c -> insert(c, held));
                                    Thread.sleep(random.nextInt(5, 30));
                                });
                            }
                            journal.append(LENDER, batch);
                        }
                        return null;
                    }));
                }
                for (Future<?> append : appends) {
                    append.get();
                }
                writing.set(false);
                reader.get();

                List<String> stored = db.dsl().select(EVENT.EVENT_ID).from(EVENT).fetch(EVENT.EVENT_ID);
                assertThat(read).as("every committed row once, none twice").hasSameSizeAs(stored)
                        .containsExactlyInAnyOrderElementsOf(stored);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static Event event(String id) {
        return new Event(id, LENDER, EventType.MARKETING, new PhoneNumber("+639171234567"), null, T, T, null, null, null);
    }

    @Test
    void anAppendNamesItsTransactionSoThatItsNodeCanTellItsOwnEventsInTheFeed() {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            var appended = journal.append(LENDER, List.of(event("one"), event("two")));
            assertThat(appended.transaction()).isNotNull();
            assertThat(journal.append(LENDER, List.of(event("one"))).transaction()).as("nothing new").isNull();

            List<FedEvent> fed = new ArrayList<>();
            feed.readSince(JournalPosition.START, 10, fed::addAll);
            assertThat(fed).extracting(FedEvent::transaction).containsOnly(appended.transaction());
            assertThat(feed.sharedWithOtherProcesses()).isTrue();
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
    void onH2TheFirstReadIsTheWholeJournalAndNothingComesAfter() {
        try (var db = StartedDatabase.start(DatabaseKind.H2)) {
            var journal = new JooqEventJournal(db.database());
            var feed = new JooqJournalFeed(db.database());
            journal.append(LENDER, List.of(event("a"), event("b"), event("c")));
            JournalPosition[] position = new JournalPosition[1];
            assertThat(read(feed, JournalPosition.START, position)).containsExactly("a", "b", "c");
            journal.append(LENDER, List.of(event("d")));
            assertThat(read(feed, position[0], position)).as("this process indexes what it appends itself").isEmpty();
            assertThat(feed.sharedWithOtherProcesses()).isFalse();
            assertThat(journal.append(LENDER, List.of(event("e"))).transaction()).isNull();
        }
    }
}

package dev.signals.adapter.persistence;

import dev.signals.application.port.StorageUnavailableException;
import dev.signals.application.port.out.EventJournalPort.Appended;
import dev.signals.domain.event.Event;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.signals.adapter.persistence.EventJournalFixture.INSTITUTION;
import static dev.signals.adapter.persistence.EventJournalFixture.T;
import static dev.signals.adapter.persistence.EventJournalFixture.numbered;
import static dev.signals.adapter.persistence.EventJournalFixture.outcomes;
import static dev.signals.adapter.persistence.EventJournalFixture.overdue;
import static dev.signals.adapter.persistence.EventJournalFixture.replay;
import static dev.signals.adapter.persistence.EventJournalFixture.replayed;
import static dev.signals.adapter.persistence.EventJournalFixture.withAmount;
import static dev.signals.adapter.persistence.EventJournalFixture.withReportedAt;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writers that append at the same time, on both databases and in each database's own way, and a database
 * that cannot give the journal a connection in time.
 */
class JooqEventJournalConcurrencyTest {

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

    // ---- a database that does not answer in time

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
     * Has {@code otherWriter} append {@code intrusions.get(i)} for {@link EventJournalFixture#INSTITUTION} right
     * after the i-th query that reads from {@code db} (the append's lookups), before anything is inserted: the
     * moment a concurrent writer can slip in. The other writer must use another {@link Database} (another instance of
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

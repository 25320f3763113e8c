package dev.signals.adapter.persistence;

import dev.signals.application.port.StorageUnavailableException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

class GroupCommitTest {

    private static final org.jooq.Table<?> ITEMS = table(name("group_commit_item"));
    private static final org.jooq.Field<String> VALUE = field(name("v"), String.class);

    private static void createTable(StartedDatabase db) {
        db.dsl().execute("CREATE TABLE group_commit_item (v VARCHAR(20) PRIMARY KEY)");
    }

    private static void insertEach(org.jooq.DSLContext dsl, List<String> values) {
        var insert = dsl.insertInto(ITEMS, VALUE);
        for (String value : values) {
            insert = insert.values(value);
        }
        ((org.jooq.InsertValuesStep1<?, String>) insert).execute();
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyWriteIsCommittedWhenItReturnsAndCallersWaitingTogetherShareATransaction(DatabaseKind kind) throws Exception {
        try (var db = StartedDatabase.start(kind)) {
            createTable(db);
            List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
            var commits = new GroupCommit<String>("test-commits", new Statements(db.database()), (dsl, values) -> {
                batchSizes.add(values.size());
                insertEach(dsl, values);
            }, 8);
            int threads = 12;
            int perThread = 40;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            Map<String, Boolean> visibleOnReturn = new ConcurrentHashMap<>();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String value = thread + "-" + i;
                        commits.write(value);
                        // Another connection sees it: the transaction holding it has committed.
                        visibleOnReturn.put(value, db.dsl().fetchExists(ITEMS, VALUE.eq(value)));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(visibleOnReturn).hasSize(threads * perThread).doesNotContainValue(false);
            assertThat(db.dsl().fetchCount(ITEMS)).isEqualTo(threads * perThread);
            assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(threads * perThread);
            assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 8));
        }
    }

    @Test
    void aFaultyItemInABatchFailsAloneAndTheOthersAreStored() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.H2)) {
            createTable(db);
            db.dsl().insertInto(ITEMS, VALUE).values("taken").execute();
            CountDownLatch firstBatchEntered = new CountDownLatch(1);
            CountDownLatch releaseFirstBatch = new CountDownLatch(1);
            List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
            var commits = new GroupCommit<String>("test-commits", new Statements(db.database()), (dsl, values) -> {
                batches.add(List.copyOf(values));
                if (values.contains("first")) {
                    firstBatchEntered.countDown();
                    await(releaseFirstBatch);
                }
                insertEach(dsl, values);
            }, 64);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            Future<?> first = pool.submit(() -> commits.write("first"));
            firstBatchEntered.await(10, TimeUnit.SECONDS);
            Future<?> b = pool.submit(() -> commits.write("b"));
            Future<?> taken = pool.submit(() -> commits.write("taken"));
            Future<?> d = pool.submit(() -> commits.write("d"));
            while (commits.queued() < 3) {
                Thread.onSpinWait();
            }
            releaseFirstBatch.countDown();

            first.get(10, TimeUnit.SECONDS);
            b.get(10, TimeUnit.SECONDS);
            d.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> taken.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DataAccessException.class);
            pool.shutdown();

            // One batch of the three waiting, refused as a whole, then each alone.
            assertThat(batches.get(1)).containsExactlyInAnyOrder("b", "taken", "d");
            assertThat(batches.subList(2, batches.size())).containsExactlyInAnyOrder(List.of("b"), List.of("taken"), List.of("d"));
            assertThat(db.dsl().select(VALUE).from(ITEMS).fetch(VALUE)).containsExactlyInAnyOrder("taken", "first", "b", "d");
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheWholeBatchAsUnavailableWithoutRetryingEachItem() {
        try (var db = StartedDatabase.start(DatabaseKind.H2)) {
            List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
            var commits = new GroupCommit<String>("test-commits", new Statements(db.database()), (dsl, values) -> {
                attempts.add(values.size());
                throw new StorageUnavailableException("gone", null);
            }, 64);

            assertThatThrownBy(() -> commits.write("x")).isInstanceOf(StorageUnavailableException.class);
            assertThat(attempts).containsExactly(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.signals.adapter.persistence;

import dev.signals.application.port.StorageUnavailableException;
import org.jooq.DSLContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Writes that many threads make at once, committed together: each caller hands over its item and returns
 * once a transaction holding it has committed (or throws if it could not be), so an answer never
 * acknowledges a row that is not durable; but one commit, the costly part on every database, serves every
 * caller that arrived while the previous one ran.
 *
 * <p>One writer thread commits, while there is work: it takes what is queued (up to {@code maxBatch} items), writes
 * it in one transaction, hands each caller its outcome, and takes what was queued meanwhile; it ends when the
 * queue is empty, and the next write starts one again. Alone, a caller's item is committed at once, so the
 * batching adds no latency when the service is quiet (a thread hand-over, some microseconds). Callers never
 * commit themselves: when they did (the first caller to find no commit running led the next one), waking them
 * all after each commit made them late to queue again, and the embedded H2's commits, whose cost is mostly per
 * commit, held 7 requests on average instead of the 20 or more of one writer thread (issue 17).
 *
 * <p>When a batch fails for another reason than an unreachable database, its transaction has written
 * nothing, and each item is written again in a transaction of its own, so that only the item at fault
 * fails, with its own error.
 */
final class GroupCommit<T> {

    private final Statements statements;
    private final BiConsumer<DSLContext, List<T>> writer;
    private final int maxBatch;
    private final Executor writerThread;

    private final Object lock = new Object();
    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    private boolean writing;

    /**
     * @param name     names the writer thread
     * @param writer   writes a batch of items with the transaction's context; throws to roll it back
     * @param maxBatch the most items one transaction takes
     */
    GroupCommit(String name, Statements statements, BiConsumer<DSLContext, List<T>> writer, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.statements = statements;
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.writerThread = runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** Writes {@code item}; returns once it is committed. */
    void write(T item) {
        submit(item).awaitCommitted();
    }

    /**
     * Queues {@code item} and returns at once, so that the caller can do other work while it is committed; the item
     * is durable once {@link Pending#awaitCommitted} returns, which every caller must call.
     */
    Pending<T> submit(T item) {
        Pending<T> mine = new Pending<>(Objects.requireNonNull(item, "item"));
        boolean startWriter;
        synchronized (lock) {
            queue.add(mine);
            startWriter = !writing;
            writing = true;
        }
        if (startWriter) {
            try {
                writerThread.execute(this::writeWhileQueued);
            } catch (RuntimeException | Error e) {
                // No thread to be had: nothing queued is written; each caller waiting for it fails, and the next write tries again.
                IllegalStateException failure = new IllegalStateException("no thread to commit with could be started", e);
                synchronized (lock) {
                    writing = false;
                    for (Pending<T> pending = queue.poll(); pending != null; pending = queue.poll()) {
                        pending.failure = failure;
                        pending.markDone();
                    }
                }
            }
        }
        return mine;
    }

    /** The writer thread's work: commit what is queued, batch after batch, until nothing is. */
    private void writeWhileQueued() {
        while (true) {
            List<Pending<T>> batch;
            synchronized (lock) {
                if (queue.isEmpty()) {
                    writing = false;
                    return;
                }
                batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
                while (batch.size() < maxBatch && !queue.isEmpty()) {
                    batch.add(queue.poll());
                }
            }
            try {
                commit(batch);
            } catch (RuntimeException | Error e) {
                // commit records each item's failure; whatever escaped it fails the batch, not the writer.
                for (Pending<T> pending : batch) {
                    pending.failure = pending.failure != null ? pending.failure
                            : e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
            } finally {
                batch.forEach(Pending::markDone);
            }
        }
    }

    /** Items waiting for a transaction, for tests. */
    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private void commit(List<Pending<T>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        for (Pending<T> pending : batch) {
            items.add(pending.item);
        }
        try {
            statements.inTransaction(dsl -> {
                writer.accept(dsl, items);
                return null;
            });
        } catch (StorageUnavailableException e) {
            batch.forEach(pending -> pending.failure = e);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).failure = e;
                return;
            }
            for (Pending<T> pending : batch) {
                try {
                    statements.inTransaction(dsl -> {
                        writer.accept(dsl, List.of(pending.item));
                        return null;
                    });
                } catch (RuntimeException alone) {
                    pending.failure = alone;
                }
            }
        }
    }

    /** One caller's item and, once done, how its write ended. */
    static final class Pending<T> {

        final T item;
        private final CountDownLatch done = new CountDownLatch(1);
        RuntimeException failure;

        Pending(T item) {
            this.item = item;
        }

        void markDone() {
            done.countDown();
        }

        /** Waits for the outcome even when interrupted: the item may be in a running transaction already, and the caller must learn how it ended. */
        private void awaitDone() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Returns once the item is committed; throws what failed it otherwise. */
        void awaitCommitted() {
            awaitDone();
            if (failure != null) {
                throw failure;
            }
        }
    }
}

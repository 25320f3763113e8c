package dev.signals.adapter.persistence;

import dev.signals.application.port.StorageUnavailableException;
import org.jooq.DSLContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Writes that many threads make at once, committed together: each caller hands over its item and returns
 * once a transaction holding it has committed (or throws if it could not be), so an answer never
 * acknowledges a row that is not durable; but one commit, the costly part on every database, serves every
 * caller that arrived while the previous one ran.
 *
 * <p>No thread of its own: the first caller to find no commit running leads, takes what is queued (up to
 * {@code maxBatch} items, its own among them), writes it in one transaction and wakes the others; a caller
 * whose item was not taken leads the next round. Alone, a caller commits its own item at once, so the
 * batching adds no latency when the service is quiet.
 *
 * <p>When a batch fails for another reason than an unreachable database, its transaction has written
 * nothing, and each item is written again in a transaction of its own, so that only the item at fault
 * fails, with its own error.
 */
final class GroupCommit<T> {

    private final Statements statements;
    private final BiConsumer<DSLContext, List<T>> writer;
    private final int maxBatch;

    private final Object lock = new Object();
    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    private boolean committing;

    /**
     * @param writer   writes a batch of items with the transaction's context; throws to roll it back
     * @param maxBatch the most items one transaction takes
     */
    GroupCommit(Statements statements, BiConsumer<DSLContext, List<T>> writer, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.statements = statements;
        this.writer = writer;
        this.maxBatch = maxBatch;
    }

    /** Writes {@code item}; returns once it is committed. */
    void write(T item) {
        Pending<T> mine = new Pending<>(Objects.requireNonNull(item, "item"));
        boolean interrupted = false;
        synchronized (lock) {
            queue.add(mine);
        }
        while (true) {
            List<Pending<T>> batch;
            synchronized (lock) {
                while (committing && !mine.done) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // The item may be in a running transaction already: the caller must learn how it ended.
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    break;
                }
                committing = true;
                batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
                while (batch.size() < maxBatch && !queue.isEmpty()) {
                    batch.add(queue.poll());
                }
            }
            try {
                commit(batch);
            } finally {
                synchronized (lock) {
                    committing = false;
                    for (Pending<T> pending : batch) {
                        pending.done = true;
                    }
                    lock.notifyAll();
                }
            }
            // Queue order puts an item that did not fit this batch in the next one, which this caller waits for or leads.
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        mine.rethrow();
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
    private static final class Pending<T> {

        final T item;
        boolean done;
        RuntimeException failure;

        Pending(T item) {
            this.item = item;
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}

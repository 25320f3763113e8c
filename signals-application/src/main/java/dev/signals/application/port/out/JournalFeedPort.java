package dev.signals.application.port.out;

import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;

import java.time.Duration;
import java.util.List;

/**
 * The event journal read as a feed, by a node that keeps its own index of it: every stored event exactly once,
 * whatever order concurrent transactions (on this node or others) commit in. The feed reads up to a horizon,
 * a position below which every transaction has ended (committed or rolled back), so that nothing can appear
 * there later; what transactions still running will store is read by a later call.
 */
public interface JournalFeedPort {

    /**
     * Whether processes other than this one may append to the journal: PostgreSQL serves any number of nodes;
     * an embedded database serves this process alone, which indexes what it appends itself, so that what a read
     * finds after the first from {@link JournalPosition#START} this process appended (and indexed) already. The feed
     * reads either the same way, by the positions of transactions and up to a horizon.
     */
    boolean sharedWithOtherProcesses();

    /**
     * The identity of this journal, given once when its database was created and the same for every node that reads
     * it: what tells a checkpoint of this journal's index from one of another ({@link IndexCheckpointPort}).
     */
    String journalId();

    /**
     * Hands {@code sink} the events, then the retractions, of the transactions from {@code from} (inclusive) up to
     * the horizon now, in pages of at most {@code pageSize}, never an empty page; from {@link JournalPosition#START}
     * that is everything stored before the horizon.
     *
     * @return the horizon read up to: the {@code from} of the next call
     * @throws dev.signals.application.port.StorageUnavailableException when the database cannot be reached
     */
    JournalPosition readSince(JournalPosition from, int pageSize, FeedSink sink);

    /**
     * Where a read hands what it found: the events of the transactions read, then their retractions (a retraction
     * commits after the event it withdraws, so a reader that took the events of the same range first has the event).
     */
    @FunctionalInterface
    interface FeedSink {

        void events(List<FedEvent> page);

        default void retractions(List<FedRetraction> page) {
        }
    }

    /**
     * Waits until another process may have committed events (a hint, not a promise: a caller reads anyway after
     * {@code timeout}), or until {@code timeout} has passed.
     *
     * @return whether a hint came before the timeout
     */
    boolean awaitCommits(Duration timeout) throws InterruptedException;

    /**
     * An event as the feed read it, with the position of the transaction that stored it; null for an event stored
     * before the journal numbered its transactions.
     */
    record FedEvent(Event event, JournalPosition transaction) {
    }

    /** A retraction as the feed read it, with the position of the transaction that stored it. */
    record FedRetraction(RetractedEvent retracted, JournalPosition transaction) {
    }

    /**
     * A point in the journal as {@link JournalFeedPort} reads it: the journal's transactions are numbered, and
     * a position is such a number. A feed's horizon is a position below which every transaction has ended, so
     * that whatever those transactions stored is final; a transaction's own number is the position it was
     * committed in. Positions are compared by their number only.
     */
    record JournalPosition(long value) implements Comparable<JournalPosition> {

        /** Before every transaction: where a reader that has read nothing starts. */
        public static final JournalPosition START = new JournalPosition(Long.MIN_VALUE);

        public boolean isBefore(JournalPosition other) {
            return value < other.value;
        }

        @Override
        public int compareTo(JournalPosition other) {
            return Long.compare(value, other.value);
        }

        @Override
        public String toString() {
            return this == START || value == Long.MIN_VALUE ? "start" : Long.toString(value);
        }
    }
}

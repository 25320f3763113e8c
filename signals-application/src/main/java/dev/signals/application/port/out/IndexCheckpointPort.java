package dev.signals.application.port.out;

import dev.signals.application.port.out.JournalFeedPort.JournalPosition;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checkpoints of this node's event index (issue 18): the index as it was at a point of the journal, kept where this
 * node alone reads it, so that a start loads it and replays only the journal after that point instead of all of it.
 * A checkpoint is a copy, never the record: the journal is. One that cannot be read exactly (missing, truncated,
 * corrupt, of another version or another journal) is not used, and the node rebuilds its index from the journal.
 */
public interface IndexCheckpointPort {

    /** A node that keeps no checkpoints: it rebuilds its index from the journal at every start. */
    IndexCheckpointPort NONE = new IndexCheckpointPort() {
        @Override
        public Capture capture(IndexCheckpoint checkpoint) {
            return () -> { };
        }

        @Override
        public Optional<IndexCheckpoint> restore(String journalId) {
            return Optional.empty();
        }
    };

    /**
     * Takes the index as it is now, with the point of the journal it holds everything below; cheap, so that the
     * caller may hold the index still meanwhile. Writing it ({@link Capture#write}) is the slow part, done after.
     */
    Capture capture(IndexCheckpoint checkpoint);

    /**
     * Fills the (empty) index from the latest checkpoint of {@code journalId}'s journal, when there is one that reads
     * back exactly; otherwise leaves the index empty, says why in the log, and returns empty.
     */
    Optional<IndexCheckpoint> restore(String journalId);

    /** The index as it was when captured, to be written. */
    interface Capture {

        /**
         * Writes the checkpoint durably and atomically (a reader finds the previous one or this one, whole), then
         * removes older ones.
         *
         * @throws java.io.UncheckedIOException when it cannot be written; the previous checkpoint stays
         */
        void write();
    }

    /**
     * Where an index stands in its journal: the journal's identity, the feed's horizon (every transaction below it
     * is in the index, whole), the transactions at or above it whose events or retractions the index already holds
     * (this node's own, indexed as they committed), and the number of events held.
     */
    record IndexCheckpoint(String journalId, JournalPosition horizon, Set<JournalPosition> indexedAbove, long events) {

        public IndexCheckpoint {
            Objects.requireNonNull(journalId, "journalId");
            Objects.requireNonNull(horizon, "horizon");
            indexedAbove = Set.copyOf(indexedAbove);
        }
    }
}

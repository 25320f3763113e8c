package dev.signals.application.port.in;

import java.time.Duration;

/**
 * Keeps this node's event index up with the journal: what this node appends is indexed at once, what other
 * nodes append is read from the journal by {@link #catchUp()}, each event exactly once.
 */
public interface FollowJournalUseCase {

    /**
     * Reads what was committed since the last call, up to the feed's horizon now; the first call loads the latest
     * checkpoint of the index, when there is a good one, and reads the journal after it, or else the whole journal.
     *
     * @return the number of events indexed by this call
     * @throws dev.signals.application.port.StorageUnavailableException when the database cannot be reached
     */
    long catchUp();

    /**
     * Writes a checkpoint of the index as it stands between two calls of {@link #catchUp()}, so that the next start
     * replays only what comes after it. Does nothing before the first {@link #catchUp()}, nor after one that failed
     * halfway, until one ends well.
     *
     * @throws java.io.UncheckedIOException when it cannot be written; the previous checkpoint stays
     */
    void checkpoint();

    /** Waits up to {@code timeout} for a hint that another node committed events; see {@link #catchUp()}. */
    void awaitCommits(Duration timeout) throws InterruptedException;
}

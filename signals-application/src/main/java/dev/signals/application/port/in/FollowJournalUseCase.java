package dev.signals.application.port.in;

import java.time.Duration;

/**
 * Keeps this node's event index up with the journal: what this node appends is indexed at once, what other
 * nodes append is read from the journal by {@link #catchUp()}, each event exactly once.
 */
public interface FollowJournalUseCase {

    /**
     * Reads what was committed since the last call, up to the feed's horizon now; the first call reads the whole
     * journal.
     *
     * @return the number of events indexed by this call
     * @throws dev.signals.application.port.StorageUnavailableException when the database cannot be reached
     */
    long catchUp();

    /** Whether another process may append to the journal, so that {@link #catchUp()} must be called again and again. */
    boolean othersAppend();

    /** Waits up to {@code timeout} for a hint that another node committed events; see {@link #catchUp()}. */
    void awaitCommits(Duration timeout) throws InterruptedException;
}

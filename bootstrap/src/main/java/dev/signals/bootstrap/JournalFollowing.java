package dev.signals.bootstrap;

import dev.signals.application.port.in.FollowJournalUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The thread that keeps this node's index up with what other nodes append (contract section 7.1): it waits for
 * a hint that one of them committed, or for {@link #POLL} at most, and reads the journal up to its horizon,
 * again and again until the service stops. A round that fails (the database away) is tried again after a pause
 * that grows to {@link #MAX_PAUSE}; the node reports its growing lag meanwhile.
 */
final class JournalFollowing implements AutoCloseable {

    /** The longest a node waits between two reads when no hint comes: what its view of the journal may age by. */
    static final Duration POLL = Duration.ofMillis(250);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(JournalFollowing.class);

    private final FollowJournalUseCase follower;
    private final Thread thread;
    private volatile boolean stopping;

    private JournalFollowing(FollowJournalUseCase follower) {
        this.follower = follower;
        this.thread = new Thread(this::follow, "journal-follower");
        this.thread.setDaemon(true);
    }

    /** Starts following, when another process may append to the journal; otherwise there is nothing to follow. */
    static JournalFollowing start(FollowJournalUseCase follower) {
        JournalFollowing following = new JournalFollowing(follower);
        if (follower.othersAppend()) {
            following.thread.start();
        }
        return following;
    }

    private void follow() {
        long pauseMillis = POLL.toMillis();
        while (!stopping) {
            try {
                follower.awaitCommits(POLL);
                follower.catchUp();
                pauseMillis = POLL.toMillis();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.warn("Reading the journal failed; trying again in {} ms: {}", pauseMillis, e.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pauseMillis = Math.min(MAX_PAUSE.toMillis(), pauseMillis * 2);
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(POLL.toMillis() * 8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

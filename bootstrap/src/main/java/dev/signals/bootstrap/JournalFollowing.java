package dev.signals.bootstrap;

import dev.signals.application.port.in.AgeIndexUseCase;
import dev.signals.application.port.in.FollowJournalUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The thread that keeps this node's index up with the journal (contract section 7.1): it waits for a hint that
 * another node committed, or for {@link #POLL} at most, and reads the journal up to its horizon, again and again
 * until the service stops. A round that fails (the database away) is tried again after a pause that grows to
 * {@link #MAX_PAUSE}; the node reports its growing lag meanwhile. On the embedded database, where this node alone
 * appends, the rounds find its own transactions only; they move the horizon that checkpoints are taken at.
 *
 * <p>Every {@code checkpointInterval} (none when zero), after a round, and once more when the service stops, it
 * writes a checkpoint of the index (issue 18), so that a start replays only the journal after it. A checkpoint
 * that cannot be written is logged and tried again at the next interval; the journal stays the record.
 *
 * <p>After the first round, and every {@code agingInterval} after, it moves the index's horizon (issue 18), so that
 * the events that occurred before it leave memory while the node runs, but for each subject's latest of each type.
 */
final class JournalFollowing implements AutoCloseable {

    /** The longest a node waits between two reads when no hint comes: what its view of the journal may age by. */
    static final Duration POLL = Duration.ofMillis(250);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(JournalFollowing.class);

    private final FollowJournalUseCase follower;
    private final Duration checkpointInterval;
    private final AgeIndexUseCase aging;
    private final Duration agingInterval;
    /** Null until the first aging: then it is due at once. */
    private Long lastAging;
    private final ExecutorService agingThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "index-aging");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> agingUnderWay;
    private final Thread thread;
    private volatile boolean stopping;
    private long lastCheckpoint = System.nanoTime();

    private JournalFollowing(FollowJournalUseCase follower, Duration checkpointInterval, AgeIndexUseCase aging, Duration agingInterval) {
        this.follower = follower;
        this.checkpointInterval = checkpointInterval;
        this.aging = aging;
        this.agingInterval = agingInterval;
        this.thread = new Thread(this::follow, "journal-follower");
        this.thread.setDaemon(true);
    }

    /** Starts following, once the first {@link FollowJournalUseCase#catchUp()} has loaded the index. */
    static JournalFollowing start(FollowJournalUseCase follower, Duration checkpointInterval, AgeIndexUseCase aging,
                                  Duration agingInterval) {
        JournalFollowing following = new JournalFollowing(follower, checkpointInterval, aging, agingInterval);
        following.thread.start();
        return following;
    }

    private void follow() {
        long pauseMillis = POLL.toMillis();
        while (!stopping) {
            try {
                follower.awaitCommits(POLL);
                if (stopping) {
                    return;
                }
                follower.catchUp();
                pauseMillis = POLL.toMillis();
                if (agingDue()) {
                    age();
                }
                if (checkpointDue()) {
                    checkpoint();
                }
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

    private boolean agingDue() {
        return lastAging == null || System.nanoTime() - lastAging >= agingInterval.toNanos();
    }

    /** Ages the index on a thread of its own, so that the rounds go on meanwhile; one aging at a time. */
    private void age() {
        lastAging = System.nanoTime();
        if (agingUnderWay != null && !agingUnderWay.isDone()) {
            return;
        }
        agingUnderWay = agingThread.submit(() -> {
            long started = System.nanoTime();
            try {
                int left = aging.ageOut();
                if (left > 0) {
                    LOG.info("Event index horizon moved: {} events older than it left memory in {} ms", left,
                            (System.nanoTime() - started) / 1_000_000);
                }
            } catch (RuntimeException e) {
                LOG.warn("Moving the event index's horizon failed; the index holds more than it needs until the next try: {}",
                        e.toString());
            }
        });
    }

    private boolean checkpointDue() {
        return !checkpointInterval.isZero() && System.nanoTime() - lastCheckpoint >= checkpointInterval.toNanos();
    }

    private void checkpoint() {
        lastCheckpoint = System.nanoTime();
        try {
            long started = System.nanoTime();
            follower.checkpoint();
            LOG.info("Event index checkpoint written in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("Writing the event index checkpoint failed; the next start reads more of the journal: {}", e.toString());
        }
    }

    /**
     * Stops following once the round under way has ended (a round is not interrupted: the embedded database closes
     * its file under a thread interrupted in its midst), then reads up to the horizon and writes a last checkpoint.
     */
    @Override
    public void close() {
        stopping = true;
        agingThread.shutdownNow();
        try {
            thread.join(POLL.toMillis() * 8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!checkpointInterval.isZero()) {
            try {
                follower.catchUp();
            } catch (RuntimeException e) {
                LOG.warn("Reading the journal before the last checkpoint failed; it stands where the last round left it: {}",
                        e.toString());
            }
            checkpoint();
        }
    }
}

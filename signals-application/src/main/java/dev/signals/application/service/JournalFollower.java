package dev.signals.application.service;

import dev.signals.application.port.in.FollowJournalUseCase;
import dev.signals.application.port.in.IndexStatusQuery;
import dev.signals.application.port.out.AppendedEventsPort;
import dev.signals.application.port.out.EventIndexPort;
import dev.signals.application.port.out.IndexCheckpointPort;
import dev.signals.application.port.out.IndexCheckpointPort.IndexCheckpoint;
import dev.signals.application.port.out.JournalFeedPort;
import dev.signals.application.port.out.JournalFeedPort.FedEvent;
import dev.signals.application.port.out.JournalFeedPort.FedRetraction;
import dev.signals.application.port.out.JournalFeedPort.FeedSink;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The event index of this node, following the journal (contract section 7.1): the events this node appends
 * are indexed as soon as they are committed ({@link #indexAppended}), so that a client that posts events and
 * then asks the same node sees them; the events any node appends are read back from the journal by
 * {@link #catchUp()}, in the order the feed guarantees: everything committed below its horizon, which no
 * transaction can add to any more.
 *
 * <p>Each event reaches the index exactly once, whichever comes first for a transaction of this node: its
 * own append or the feed. Both run under one lock and remember the transactions they indexed above the
 * horizon: the append skips a transaction the feed has passed ({@code transaction < horizon}) or read in the
 * round under way; the feed skips the transactions this node's appends indexed. When a round ends, the
 * horizon moves up and what lies below it is forgotten; a round that fails halfway (the database away) leaves
 * the horizon where it was, and the next one, reading the same transactions again, skips as many of each
 * transaction's events as were indexed. Retractions (contract section 4.1) go the same way:
 * this node's at once ({@link #indexRetracted}), every node's from the feed, each once.
 *
 * <p>A checkpoint ({@link #checkpoint()}) is the index with the horizon and the transactions of this node indexed
 * above it, taken after a round that ended well, when the index holds exactly the transactions below the horizon
 * and those.
 * The first round starts from the latest checkpoint of this journal, when there is a good one, as if this
 * follower had run up to it: the feed hands what lies above its horizon, and the transactions it lists are skipped.
 */
public final class JournalFollower implements AppendedEventsPort, FollowJournalUseCase, IndexStatusQuery {

    private static final Logger LOG = Logger.getLogger(JournalFollower.class.getName());
    private static final int PAGE = 10_000;

    private final EventIndexPort index;
    private final JournalFeedPort feed;
    private final IndexCheckpointPort checkpoints;
    private final Clock clock;

    /** Held for a whole round of {@link #catchUp()} and while a checkpoint is taken: one at a time. */
    private final Object rounds = new Object();
    /** Held while a checkpoint is taken and written: one at a time, so that a later one is never overwritten by an earlier. */
    private final Object writing = new Object();
    private final Object gate = new Object();
    /** Guarded by gate. Null until the first round has ended. */
    private JournalPosition horizon;
    /** Guarded by gate. Where the checkpoint loaded before the first round ended left the index; null if none. */
    private JournalPosition restoredAt;
    /** Guarded by gate: transactions of this node indexed when it committed them, at or above the horizon. */
    private final Set<JournalPosition> committedHere = new HashSet<>();
    /**
     * Guarded by gate: the transactions the feed has handed above the horizon, in the round under way or in one that
     * failed halfway, and how much of each is indexed.
     */
    private final Map<JournalPosition, FeedProgress> readAboveHorizon = new HashMap<>();
    /** Guarded by gate. */
    private long events;
    private volatile Instant caughtUpAt;

    private final int pageSize;

    public JournalFollower(EventIndexPort index, JournalFeedPort feed, IndexCheckpointPort checkpoints, Clock clock) {
        this(index, feed, checkpoints, clock, PAGE);
    }

    /** @param pageSize the events the feed hands over at a time */
    JournalFollower(EventIndexPort index, JournalFeedPort feed, Clock clock, int pageSize) {
        this(index, feed, IndexCheckpointPort.NONE, clock, pageSize);
    }

    /** @param pageSize the events the feed hands over at a time */
    JournalFollower(EventIndexPort index, JournalFeedPort feed, IndexCheckpointPort checkpoints, Clock clock, int pageSize) {
        this.index = Objects.requireNonNull(index, "index");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pageSize = pageSize;
    }

    /**
     * Indexes the new events of one append of this node, committed in {@code transaction} (null for a journal that
     * does not number its transactions: then at once, and nothing is remembered), unless the feed has indexed them
     * already.
     */
    @Override
    public void indexAppended(JournalPosition transaction, Collection<Event> appended) {
        if (appended.isEmpty()) {
            return;
        }
        synchronized (gate) {
            if (firstTime(transaction)) {
                index.addAll(appended);
                events += appended.size();
            }
        }
    }

    /** The same for the retractions this node committed in {@code transaction}. */
    @Override
    public void indexRetracted(JournalPosition transaction, Collection<RetractedEvent> retracted) {
        if (retracted.isEmpty()) {
            return;
        }
        synchronized (gate) {
            if (firstTime(transaction)) {
                index.retractAll(retracted);
            }
        }
    }

    /**
     * Guarded by gate. Whether what this node committed in {@code transaction} is new to the index, and so to be
     * indexed now (and remembered): not when the feed has passed it or read it in the round under way. A transaction
     * of the journal appends events or retracts them, never both.
     */
    private boolean firstTime(JournalPosition transaction) {
        if (transaction == null) {
            return true;
        }
        boolean fedAlready = horizon != null && transaction.isBefore(horizon) || readAboveHorizon.containsKey(transaction);
        return !fedAlready && committedHere.add(transaction);
    }

    @Override
    public long catchUp() {
        synchronized (rounds) {
            long started = System.nanoTime();
            JournalPosition from = horizonOrCheckpoint();
            synchronized (gate) {
                readAboveHorizon.values().forEach(FeedProgress::roundStarts);
            }
            Instant readAt = clock.instant();
            long[] indexed = {0};
            JournalPosition reached = feed.readSince(from, pageSize, new FeedSink() {
                @Override
                public void events(List<FedEvent> page) {
                    indexed[0] += index(page);
                }

                @Override
                public void retractions(List<FedRetraction> page) {
                    retract(page);
                }
            });
            boolean first;
            synchronized (gate) {
                first = horizon == null;
                horizon = reached;
                committedHere.removeIf(transaction -> transaction.isBefore(reached));
                readAboveHorizon.clear();
            }
            caughtUpAt = readAt;
            if (first) {
                LOG.info(() -> "Event index loaded: " + indexed[0] + " events read from the journal "
                        + (from == JournalPosition.START ? "" : "after position " + from + " ") + "up to position " + reached
                        + ", " + indexStatus().events() + " in all, in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            return indexed[0];
        }
    }

    /**
     * Where this round reads from: the horizon of the last round; before the first, the latest good checkpoint's
     * (the index then holds it, and this follower takes its place in the journal), or the start.
     */
    private JournalPosition horizonOrCheckpoint() {
        synchronized (gate) {
            if (horizon != null || restoredAt != null) {
                return horizon != null ? horizon : restoredAt;
            }
        }
        long started = System.nanoTime();
        Optional<IndexCheckpoint> restored = checkpoints.restore(feed.journalId());
        if (restored.isEmpty()) {
            return JournalPosition.START;
        }
        IndexCheckpoint checkpoint = restored.get();
        synchronized (gate) {
            restoredAt = checkpoint.horizon();
            committedHere.addAll(checkpoint.indexedAbove());
            events = checkpoint.events();
        }
        LOG.info(() -> "Event index checkpoint loaded: " + checkpoint.events() + " events up to position "
                + checkpoint.horizon() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return checkpoint.horizon();
    }

    @Override
    public void checkpoint() {
        synchronized (writing) {
            IndexCheckpointPort.Capture capture;
            synchronized (rounds) {
                synchronized (gate) {
                    if (horizon == null || !readAboveHorizon.isEmpty()) {
                        return;
                    }
                    capture = checkpoints.capture(new IndexCheckpoint(feed.journalId(), horizon, committedHere, events));
                }
            }
            capture.write();
        }
    }

    private long index(List<FedEvent> page) {
        synchronized (gate) {
            List<Event> fresh = new ArrayList<>(page.size());
            for (FedEvent fed : page) {
                if (isNew(fed.transaction(), FeedProgress::event)) {
                    fresh.add(fed.event());
                }
            }
            index.addAll(fresh);
            events += fresh.size();
            return fresh.size();
        }
    }

    private void retract(List<FedRetraction> page) {
        synchronized (gate) {
            List<RetractedEvent> fresh = new ArrayList<>(page.size());
            for (FedRetraction fed : page) {
                if (isNew(fed.transaction(), FeedProgress::retraction)) {
                    fresh.add(fed.retracted());
                }
            }
            index.retractAll(fresh);
        }
    }

    /**
     * Guarded by gate. Whether the next event (or retraction) the feed hands of {@code transaction} is to be indexed:
     * not when this node indexed the transaction as it committed, nor when a round that failed halfway indexed it
     * already (the feed hands a transaction's rows in the same order every time, so the first {@code n} it hands
     * again are the {@code n} indexed before).
     */
    private boolean isNew(JournalPosition transaction, Predicate<FeedProgress> handedNext) {
        if (transaction == null) {
            return true;
        }
        if (committedHere.contains(transaction)) {
            return false;
        }
        return handedNext.test(readAboveHorizon.computeIfAbsent(transaction, t -> new FeedProgress()));
    }

    /**
     * Guarded by gate. How far the rounds since the horizon have read one transaction: its events and retractions
     * indexed, and those the round under way has handed again (fewer, after a round that failed halfway).
     */
    private static final class FeedProgress {

        private long eventsIndexed;
        private long eventsHanded;
        private long retractionsIndexed;
        private long retractionsHanded;

        /** Counts one more event handed; whether it is one not indexed yet, and so to be indexed now. */
        boolean event() {
            eventsHanded++;
            if (eventsHanded <= eventsIndexed) {
                return false;
            }
            eventsIndexed = eventsHanded;
            return true;
        }

        /** The same for a retraction. */
        boolean retraction() {
            retractionsHanded++;
            if (retractionsHanded <= retractionsIndexed) {
                return false;
            }
            retractionsIndexed = retractionsHanded;
            return true;
        }

        void roundStarts() {
            eventsHanded = 0;
            retractionsHanded = 0;
        }
    }

    @Override
    public void awaitCommits(Duration timeout) throws InterruptedException {
        feed.awaitCommits(timeout);
    }

    @Override
    public IndexStatus indexStatus() {
        Instant at = caughtUpAt;
        synchronized (gate) {
            boolean ready = horizon != null;
            // Nobody else appends to a journal this process alone serves: its index is never behind.
            Duration lag = !ready ? null : feed.sharedWithOtherProcesses() ? Duration.between(at, clock.instant()) : Duration.ZERO;
            return new IndexStatus(ready, horizon == null ? JournalPosition.START.toString() : horizon.toString(), events, lag);
        }
    }
}

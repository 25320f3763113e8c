package dev.signals.application.service;

import dev.signals.application.port.in.FollowJournalUseCase;
import dev.signals.application.port.in.IndexStatusQuery;
import dev.signals.application.port.out.AppendedEventsPort;
import dev.signals.application.port.out.EventIndexPort;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * horizon moves up and what lies below it is forgotten. Retractions (contract section 4.1) go the same way:
 * this node's at once ({@link #indexRetracted}), every node's from the feed, each once.
 */
public final class JournalFollower implements AppendedEventsPort, FollowJournalUseCase, IndexStatusQuery {

    private static final Logger LOG = Logger.getLogger(JournalFollower.class.getName());
    private static final int PAGE = 10_000;

    private final EventIndexPort index;
    private final JournalFeedPort feed;
    private final Clock clock;

    private final Object gate = new Object();
    /** Guarded by gate. Null until the first round has ended. */
    private JournalPosition horizon;
    /** Guarded by gate: transactions of this node indexed when it committed them, at or above the horizon. */
    private final Set<JournalPosition> committedHere = new HashSet<>();
    /** Guarded by gate: transactions the round under way has indexed (some of their events, maybe). */
    private final Set<JournalPosition> readThisRound = new HashSet<>();
    /** Guarded by gate. */
    private long events;
    private volatile Instant caughtUpAt;

    private final int pageSize;

    public JournalFollower(EventIndexPort index, JournalFeedPort feed, Clock clock) {
        this(index, feed, clock, PAGE);
    }

    /** @param pageSize the events the feed hands over at a time */
    JournalFollower(EventIndexPort index, JournalFeedPort feed, Clock clock, int pageSize) {
        this.index = Objects.requireNonNull(index, "index");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pageSize = pageSize;
    }

    /**
     * Indexes the new events of one append of this node, committed in {@code transaction} (null when no other
     * process reads the journal), unless the feed has indexed them already.
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
        boolean fedAlready = horizon != null && transaction.isBefore(horizon) || readThisRound.contains(transaction);
        return !fedAlready && committedHere.add(transaction);
    }

    @Override
    public long catchUp() {
        JournalPosition from;
        synchronized (gate) {
            from = horizon == null ? JournalPosition.START : horizon;
            if (horizon != null && !feed.sharedWithOtherProcesses()) {
                return 0;
            }
        }
        Instant readAt = clock.instant();
        long started = System.nanoTime();
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
        synchronized (gate) {
            horizon = reached;
            committedHere.removeIf(transaction -> transaction.isBefore(reached));
            readThisRound.clear();
        }
        caughtUpAt = readAt;
        if (from == JournalPosition.START) {
            LOG.info(() -> "Event index loaded from the journal: " + indexed[0] + " events up to position " + reached
                    + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        return indexed[0];
    }

    private long index(List<FedEvent> page) {
        synchronized (gate) {
            List<Event> fresh = new ArrayList<>(page.size());
            for (FedEvent fed : page) {
                JournalPosition transaction = fed.transaction();
                if (transaction == null || !committedHere.contains(transaction)) {
                    fresh.add(fed.event());
                    if (transaction != null) {
                        readThisRound.add(transaction);
                    }
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
                JournalPosition transaction = fed.transaction();
                if (transaction == null || !committedHere.contains(transaction)) {
                    fresh.add(fed.retracted());
                    if (transaction != null) {
                        readThisRound.add(transaction);
                    }
                }
            }
            index.retractAll(fresh);
        }
    }

    @Override
    public boolean othersAppend() {
        return feed.sharedWithOtherProcesses();
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

package dev.signals.application.service;

import dev.signals.application.port.in.IndexStatusQuery.IndexStatus;
import dev.signals.application.port.out.EventIndexPort;
import dev.signals.application.port.out.JournalFeedPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.PhoneNumber;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's index follows the journal: every committed event exactly once, whether it reaches the index through
 * this node's own append or through the feed, and whatever order the two come in.
 */
class JournalFollowerTest {

    private static final Instant T = Instant.parse("2024-08-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

    private final List<Event> indexed = new ArrayList<>();
    private final List<RetractedEvent> retracted = new ArrayList<>();
    /** The index, recording what it was given. */
    private final EventIndexPort index = new EventIndexPort() {
        @Override
        public void addAll(Collection<Event> events) {
            indexed.addAll(events);
        }

        @Override
        public void retractAll(Collection<RetractedEvent> retractions) {
            retracted.addAll(retractions);
        }
    };

    @Test
    void theFirstRoundReadsTheWholeJournalAndMakesTheNodeReady() {
        Journal journal = new Journal(true);
        journal.commit(journal.begin("a", "b"));
        JournalFollower follower = new JournalFollower(index, journal, CLOCK, 10);
        assertThat(follower.indexStatus().ready()).isFalse();

        assertThat(follower.catchUp()).isEqualTo(2);

        IndexStatus status = follower.indexStatus();
        assertThat(status.ready()).isTrue();
        assertThat(status.events()).isEqualTo(2);
        assertThat(status.lag()).isEqualTo(Duration.ZERO);
        assertThat(ids()).containsExactly("a", "b");
    }

    @Test
    void anAppendOfThisNodeIsIndexedAtOnceAndNotAgainWhenTheFeedBringsIt() {
        Journal journal = new Journal(true);
        JournalFollower follower = new JournalFollower(index, journal, CLOCK, 10);
        follower.catchUp();
        long transaction = journal.begin("mine");
        journal.commit(transaction);

        follower.indexAppended(new JournalPosition(transaction), journal.eventsOf(transaction));
        assertThat(ids()).containsExactly("mine");
        follower.catchUp();
        follower.catchUp();
        assertThat(ids()).containsExactly("mine");
    }

    @Test
    void anAppendThatTheFeedBroughtFirstIsNotIndexedAgain() {
        Journal journal = new Journal(true);
        JournalFollower follower = new JournalFollower(index, journal, CLOCK, 10);
        long transaction = journal.begin("mine");
        journal.commit(transaction);
        follower.catchUp();

        follower.indexAppended(new JournalPosition(transaction), journal.eventsOf(transaction));
        assertThat(ids()).containsExactly("mine");
    }

    @Test
    void anAppendThatArrivesWhileTheFeedIsHalfWayThroughItsTransactionIsIndexedOnce() {
        Journal journal = new Journal(true);
        JournalFollower follower = new JournalFollower(index, journal, CLOCK, 2);
        follower.catchUp();
        long transaction = journal.begin("m1", "m2", "m3", "m4", "m5");
        journal.commit(transaction);
        journal.betweenPages = () -> follower.indexAppended(new JournalPosition(transaction), journal.eventsOf(transaction));

        follower.catchUp();
        assertThat(ids()).containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void onAJournalNoOtherProcessWritesTheAppendsGoStraightToTheIndexAndTheLagIsNone() {
        Journal journal = new Journal(false);
        journal.commit(journal.begin("old"));
        JournalFollower follower = new JournalFollower(index, journal, CLOCK, 10);
        follower.catchUp();
        follower.indexAppended(null, List.of(event("new")));
        follower.catchUp();
        assertThat(ids()).containsExactly("old", "new");
        assertThat(follower.othersAppend()).isFalse();
        assertThat(follower.indexStatus().lag()).isEqualTo(Duration.ZERO);
    }

    /**
     * Random histories of transactions, this node's and other nodes', beginning, storing, committing and rolling
     * back in any interleaving, with this node's own appends reaching it at any later moment, also in the middle
     * of a round of the feed: in the end the index holds every committed event once and nothing rolled back.
     */
    @Property(tries = 300)
    void everyCommittedEventIsIndexedExactlyOnceWhateverTheInterleaving(@ForAll long seed) {
        indexed.clear();
        retracted.clear();
        Random random = new Random(seed);
        Journal journal = new Journal(true);
        JournalFollower follower = new JournalFollower(index, journal, CLOCK, 1 + random.nextInt(4));
        List<Long> running = new ArrayList<>();
        List<Long> committedHere = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int events = 0;
        journal.betweenPages = () -> deliverSome(random, follower, journal, committedHere);
        List<String> committedEvents = new ArrayList<>();
        List<String> expectedRetractions = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            int action = random.nextInt(7);
            if (action == 6) {
                // A retraction of a committed event not retracted yet, in a transaction of its own (the journal's
                // transactions append or retract, never both), left running for the interleaving to go on.
                List<String> candidates = committedEvents.stream().filter(id -> !journal.retractedIds().contains(id)).toList();
                if (!candidates.isEmpty()) {
                    long transaction = journal.begin();
                    running.add(transaction);
                    journal.retract(transaction, candidates.get(random.nextInt(candidates.size())));
                }
                continue;
            }
            if (action == 0 || running.isEmpty()) {
                running.add(journal.begin());
            } else if (action == 1) {
                List<Long> appending = running.stream().filter(journal::appends).toList();
                if (!appending.isEmpty()) {
                    journal.store(appending.get(random.nextInt(appending.size())), "e" + events++);
                }
            } else if (action == 2) {
                long transaction = running.remove(random.nextInt(running.size()));
                journal.commit(transaction);
                expected.addAll(journal.eventsOf(transaction).stream().map(Event::eventId).toList());
                committedEvents.addAll(journal.eventsOf(transaction).stream().map(Event::eventId).toList());
                expectedRetractions.addAll(journal.retractionsOf(transaction).stream().map(r -> r.event().eventId()).toList());
                if (random.nextBoolean()) {
                    committedHere.add(transaction);   // this node's append: it also indexes it itself, some time later
                }
            } else if (action == 3) {
                journal.rollBack(running.remove(random.nextInt(running.size())));
            } else if (action == 4) {
                follower.catchUp();
            } else {
                deliverSome(random, follower, journal, committedHere);
            }
        }
        running.forEach(journal::commit);
        running.forEach(transaction -> expected.addAll(journal.eventsOf(transaction).stream().map(Event::eventId).toList()));
        running.forEach(transaction -> expectedRetractions.addAll(
                journal.retractionsOf(transaction).stream().map(r -> r.event().eventId()).toList()));
        while (!committedHere.isEmpty()) {
            deliverSome(random, follower, journal, committedHere);
        }
        follower.catchUp();

        assertThat(ids()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(retracted).extracting(r -> r.event().eventId()).as("seed %d: each retraction once", seed)
                .containsExactlyInAnyOrderElementsOf(expectedRetractions);
        assertThat(follower.indexStatus().events()).isEqualTo(expected.size());
    }

    private static void deliverSome(Random random, JournalFollower follower, Journal journal, List<Long> committedHere) {
        while (!committedHere.isEmpty() && random.nextBoolean()) {
            long transaction = committedHere.remove(random.nextInt(committedHere.size()));
            follower.indexAppended(new JournalPosition(transaction), journal.eventsOf(transaction));
            follower.indexRetracted(new JournalPosition(transaction), journal.retractionsOf(transaction));
        }
    }

    private List<String> ids() {
        return indexed.stream().map(Event::eventId).toList();
    }

    private static Event event(String id) {
        return new Event(id, new InstitutionId("lender"), EventType.MARKETING, new PhoneNumber("+639171234567"), null, T, T,
                null, null, null);
    }

    /**
     * A journal of numbered transactions, as PostgreSQL keeps it: rows get a sequence number when stored and are
     * visible when their transaction commits; the horizon is the oldest transaction still running.
     */
    private static final class Journal implements JournalFeedPort {

        private final boolean shared;
        private final List<Row> rows = new ArrayList<>();
        private final List<Long> running = new ArrayList<>();
        private final List<Long> committed = new ArrayList<>();
        private long nextTransaction = 1;
        private long nextSeq = 1;
        Runnable betweenPages = () -> { };

        Journal(boolean shared) {
            this.shared = shared;
        }

        /** A stored event, or (retraction) the retraction of one. */
        private record Row(long seq, long transaction, Event event, boolean retraction) {
        }

        void retract(long transaction, String eventId) {
            rows.add(new Row(nextSeq++, transaction, event(eventId), true));
        }

        /** Whether the transaction retracted nothing: it may store events. */
        boolean appends(long transaction) {
            return rows.stream().noneMatch(row -> row.transaction() == transaction && row.retraction());
        }

        Set<String> retractedIds() {
            return rows.stream().filter(Row::retraction).map(row -> row.event().eventId()).collect(Collectors.toSet());
        }

        List<RetractedEvent> retractionsOf(long transaction) {
            return rows.stream().filter(row -> row.transaction() == transaction && row.retraction())
                    .map(row -> new RetractedEvent(row.event(), T)).toList();
        }

        long begin(String... ids) {
            long transaction = nextTransaction++;
            running.add(transaction);
            for (String id : ids) {
                store(transaction, id);
            }
            return transaction;
        }

        void store(long transaction, String id) {
            rows.add(new Row(nextSeq++, transaction, event(id), false));
        }

        void commit(long transaction) {
            running.remove(transaction);
            committed.add(transaction);
        }

        void rollBack(long transaction) {
            running.remove(transaction);
            rows.removeIf(row -> row.transaction() == transaction);
        }

        List<Event> eventsOf(long transaction) {
            return rows.stream().filter(row -> row.transaction() == transaction && !row.retraction()).map(Row::event).toList();
        }

        @Override
        public boolean sharedWithOtherProcesses() {
            return shared;
        }

        @Override
        public String journalId() {
            return "journal-of-the-test";
        }

        @Override
        public JournalPosition readSince(JournalPosition from, int pageSize, FeedSink sink) {
            if (!shared && !from.equals(JournalPosition.START)) {
                return from;
            }
            long horizon = shared ? running.stream().mapToLong(Long::longValue).min().orElse(nextTransaction) : Long.MAX_VALUE;
            List<Row> inRange = rows.stream()
                    .filter(row -> committed.contains(row.transaction()))
                    .filter(row -> row.transaction() >= from.value() && row.transaction() < horizon)
                    .sorted(Comparator.comparingLong(Row::seq))
                    .toList();
            List<Row> visible = inRange.stream().filter(row -> !row.retraction()).toList();
            for (int at = 0; at < visible.size(); at += pageSize) {
                if (at > 0) {
                    betweenPages.run();
                }
                sink.events(visible.subList(at, Math.min(visible.size(), at + pageSize)).stream()
                        .map(row -> new FedEvent(row.event(), shared ? new JournalPosition(row.transaction()) : null)).toList());
            }
            List<FedRetraction> retractions = inRange.stream().filter(Row::retraction)
                    .map(row -> new FedRetraction(new RetractedEvent(row.event(), T), shared ? new JournalPosition(row.transaction()) : null))
                    .toList();
            if (!retractions.isEmpty()) {
                sink.retractions(retractions);
            }
            return new JournalPosition(horizon);
        }

        @Override
        public boolean awaitCommits(Duration timeout) {
            return false;
        }
    }
}

package dev.signals.application.service;

import dev.signals.application.port.in.IndexStatusQuery.IndexStatus;
import dev.signals.application.port.out.EventIndexPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's index follows the journal: every committed event exactly once, whether it reaches the index through
 * this node's own append or through the feed, and whatever order the two come in.
 */
class JournalFollowerTest {

    private static final Clock CLOCK = Clock.fixed(TestJournal.T, ZoneOffset.UTC);

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

        @Override
        public int keepInFullFrom(java.time.Instant fullFrom) {
            throw new AssertionError("the follower does not age the index");
        }
    };

    @Test
    void theFirstRoundReadsTheWholeJournalAndMakesTheNodeReady() {
        TestJournal journal = new TestJournal(true);
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
        TestJournal journal = new TestJournal(true);
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
        TestJournal journal = new TestJournal(true);
        JournalFollower follower = new JournalFollower(index, journal, CLOCK, 10);
        long transaction = journal.begin("mine");
        journal.commit(transaction);
        follower.catchUp();

        follower.indexAppended(new JournalPosition(transaction), journal.eventsOf(transaction));
        assertThat(ids()).containsExactly("mine");
    }

    @Test
    void anAppendThatArrivesWhileTheFeedIsHalfWayThroughItsTransactionIsIndexedOnce() {
        TestJournal journal = new TestJournal(true);
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
        TestJournal journal = new TestJournal(false);
        journal.commit(journal.begin("old"));
        JournalFollower follower = new JournalFollower(index, journal, CLOCK, 10);
        follower.catchUp();
        follower.indexAppended(null, List.of(TestJournal.event("new")));
        follower.catchUp();
        assertThat(ids()).containsExactly("old", "new");
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
        TestJournal journal = new TestJournal(true);
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

    private static void deliverSome(Random random, JournalFollower follower, TestJournal journal, List<Long> committedHere) {
        while (!committedHere.isEmpty() && random.nextBoolean()) {
            long transaction = committedHere.remove(random.nextInt(committedHere.size()));
            follower.indexAppended(new JournalPosition(transaction), journal.eventsOf(transaction));
            follower.indexRetracted(new JournalPosition(transaction), journal.retractionsOf(transaction));
        }
    }

    private List<String> ids() {
        return indexed.stream().map(Event::eventId).toList();
    }

}

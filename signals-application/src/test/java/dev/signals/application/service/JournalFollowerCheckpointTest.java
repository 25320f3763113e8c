package dev.signals.application.service;

import dev.signals.application.port.out.EventIndexPort;
import dev.signals.application.port.out.IndexCheckpointPort;
import dev.signals.application.port.out.IndexCheckpointPort.IndexCheckpoint;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node that starts from a checkpoint of its index ends with the same index as one that read the whole journal,
 * and a round that fails halfway indexes nothing twice (issue 18).
 */
class JournalFollowerCheckpointTest {

    private static final Clock CLOCK = Clock.fixed(TestJournal.T, ZoneOffset.UTC);

    @Test
    void aNodeStartedFromACheckpointReadsOnlyWhatCameAfterAndIndexesEachEventOnce() {
        TestJournal journal = new TestJournal("journal-1");
        journal.commit(journal.begin("a", "b"));
        Index first = new Index();
        Checkpoints checkpoints = new Checkpoints(first);
        JournalFollower before = new JournalFollower(first, journal, checkpoints, CLOCK, 10);
        before.catchUp();
        long mine = journal.begin("mine");
        journal.commit(mine);
        before.indexAppended(new JournalPosition(mine), journal.eventsOf(mine));
        long others = journal.begin("others");
        before.checkpoint();
        journal.commit(others);
        journal.commit(journal.begin("later"));

        Index restarted = new Index();
        checkpoints.current = restarted;
        JournalFollower after = new JournalFollower(restarted, journal, checkpoints, CLOCK, 10);
        long read = after.catchUp();

        assertThat(checkpoints.written).hasSize(1);
        assertThat(checkpoints.written.get(0).indexedAbove()).containsExactly(new JournalPosition(mine));
        assertThat(read).as("events read from the journal after the checkpoint").isEqualTo(2);
        assertThat(restarted.ids()).containsExactlyInAnyOrder("a", "b", "mine", "others", "later");
        assertThat(after.indexStatus().events()).isEqualTo(5);
    }

    @Test
    void withoutAGoodCheckpointTheWholeJournalIsRead() {
        TestJournal journal = new TestJournal("journal-1");
        journal.commit(journal.begin("a", "b"));
        Index index = new Index();
        JournalFollower follower = new JournalFollower(index, journal, new Checkpoints(index), CLOCK, 10);

        assertThat(follower.catchUp()).isEqualTo(2);
        assertThat(index.ids()).containsExactly("a", "b");
    }

    @Test
    void aCheckpointOfAnotherJournalIsNotUsed() {
        TestJournal journal = new TestJournal("journal-1");
        journal.commit(journal.begin("a"));
        Index index = new Index();
        Checkpoints checkpoints = new Checkpoints(index);
        JournalFollower follower = new JournalFollower(index, journal, checkpoints, CLOCK, 10);
        follower.catchUp();
        follower.checkpoint();

        TestJournal other = new TestJournal("journal-2");
        other.commit(other.begin("x"));
        Index fresh = new Index();
        checkpoints.current = fresh;
        new JournalFollower(fresh, other, checkpoints, CLOCK, 10).catchUp();

        assertThat(fresh.ids()).containsExactly("x");
    }

    @Test
    void aRoundThatFailsHalfwayIsReadAgainWithoutIndexingAnythingTwiceAndNoCheckpointIsTakenMeanwhile() {
        TestJournal journal = new TestJournal("journal-1");
        Index index = new Index();
        Checkpoints checkpoints = new Checkpoints(index);
        JournalFollower follower = new JournalFollower(index, journal, checkpoints, CLOCK, 2);
        follower.catchUp();
        long big = journal.begin("a", "b", "c", "d", "e");
        journal.retract(big, "a");
        journal.commit(big);
        journal.failAfterPages = 2;

        assertThatThrownBy(follower::catchUp).isInstanceOf(IllegalStateException.class);
        assertThat(index.ids()).containsExactly("a", "b", "c", "d");
        follower.checkpoint();
        assertThat(checkpoints.written).as("no checkpoint of a half-read round").isEmpty();

        journal.failAfterPages = Integer.MAX_VALUE;
        follower.catchUp();
        follower.checkpoint();

        assertThat(index.ids()).containsExactly("a", "b", "c", "d", "e");
        assertThat(index.retracted).hasSize(1);
        assertThat(checkpoints.written).hasSize(1);
        assertThat(follower.indexStatus().events()).isEqualTo(5);
    }

    /**
     * Random histories: transactions of this node and others, rounds that fail after a random page, checkpoints
     * taken at random moments and nodes restarted from the latest: the last index holds every committed event and
     * retraction exactly once.
     */
    @Property(tries = 200)
    void everyCommittedEventIsIndexedOnceAcrossFailedRoundsAndRestartsFromCheckpoints(@ForAll long seed) {
        Random random = new Random(seed);
        TestJournal journal = new TestJournal("journal-1");
        Index index = new Index();
        Checkpoints checkpoints = new Checkpoints(index);
        JournalFollower follower = new JournalFollower(index, journal, checkpoints, CLOCK, 1 + random.nextInt(3));
        follower.catchUp();
        List<Long> open = new ArrayList<>();
        List<Long> mineCommitted = new ArrayList<>();
        Set<Long> mine = new HashSet<>();
        int ids = 0;
        for (int step = 0; step < 60; step++) {
            int action = random.nextInt(8);
            if (action == 0 || open.isEmpty()) {
                // A transaction of the journal appends events or retracts them, never both.
                long transaction = journal.begin();
                if (random.nextInt(4) == 0 && ids > 0) {
                    journal.retract(transaction, "e" + random.nextInt(ids));
                } else {
                    int events = 1 + random.nextInt(4);
                    for (int i = 0; i < events; i++) {
                        journal.store(transaction, "e" + ids++);
                    }
                }
                open.add(transaction);
                if (random.nextBoolean()) {
                    mine.add(transaction);
                }
            } else if (action <= 2) {
                long transaction = open.remove(random.nextInt(open.size()));
                journal.commit(transaction);
                if (mine.contains(transaction)) {
                    mineCommitted.add(transaction);
                }
            } else if (action == 3 && !mineCommitted.isEmpty()) {
                long transaction = mineCommitted.remove(0);
                follower.indexAppended(new JournalPosition(transaction), journal.eventsOf(transaction));
                follower.indexRetracted(new JournalPosition(transaction), journal.retractionsOf(transaction));
            } else if (action == 4) {
                journal.failAfterPages = random.nextInt(4);
                try {
                    follower.catchUp();
                } catch (IllegalStateException expected) {
                    // the database went away halfway through the round
                }
                journal.failAfterPages = Integer.MAX_VALUE;
            } else if (action == 5) {
                follower.checkpoint();
            } else if (action == 6 && !checkpoints.written.isEmpty()) {
                index = new Index();
                checkpoints.current = index;
                follower = new JournalFollower(index, journal, checkpoints, CLOCK, 1 + random.nextInt(3));
                follower.catchUp();
                mineCommitted.clear();
                mine.clear();
            } else {
                follower.catchUp();
            }
        }
        open.forEach(journal::commit);
        for (long transaction : mineCommitted) {
            follower.indexAppended(new JournalPosition(transaction), journal.eventsOf(transaction));
        }
        follower.catchUp();

        assertThat(index.ids()).containsExactlyInAnyOrderElementsOf(journal.committedIds());
        assertThat(index.retracted.stream().map(r -> r.event().eventId()).toList())
                .containsExactlyInAnyOrderElementsOf(journal.committedRetractedIds());
    }


    /** The index, recording what it was given. */
    private static final class Index implements EventIndexPort {

        final List<Event> events = new ArrayList<>();
        final List<RetractedEvent> retracted = new ArrayList<>();

        @Override
        public void addAll(Collection<Event> added) {
            events.addAll(added);
        }

        @Override
        public void retractAll(Collection<RetractedEvent> retractions) {
            retracted.addAll(retractions);
        }

        @Override
        public int keepInFullFrom(java.time.Instant fullFrom) {
            throw new AssertionError("the follower does not age the index");
        }

        List<String> ids() {
            return events.stream().map(Event::eventId).toList();
        }
    }

    /** Checkpoints kept in memory: a copy of what the index held, with the position it was taken at. */
    private static final class Checkpoints implements IndexCheckpointPort {

        /** The index of the node running now: what a capture copies, and a restore fills. */
        Index current;
        final List<IndexCheckpoint> written = new ArrayList<>();
        private final List<Index> copies = new ArrayList<>();

        Checkpoints(Index index) {
            this.current = index;
        }

        @Override
        public Capture capture(IndexCheckpoint checkpoint) {
            Index copy = new Index();
            copy.events.addAll(current.events);
            copy.retracted.addAll(current.retracted);
            return () -> {
                written.add(checkpoint);
                copies.add(copy);
            };
        }

        @Override
        public Optional<IndexCheckpoint> restore(String journalId) {
            if (written.isEmpty() || !written.get(written.size() - 1).journalId().equals(journalId)) {
                return Optional.empty();
            }
            Index latest = copies.get(copies.size() - 1);
            current.events.addAll(latest.events);
            current.retracted.addAll(latest.retracted);
            return Optional.of(written.get(written.size() - 1));
        }
    }
}

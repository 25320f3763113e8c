package dev.signals.application.service;

import dev.signals.application.port.out.JournalFeedPort;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.PhoneNumber;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A journal of numbered transactions for the follower's tests, as PostgreSQL keeps it: rows get a sequence number when
 * stored and are visible when their transaction commits; the horizon is the oldest transaction still running. One that
 * is not {@code shared} is an embedded database's as it was read before it numbered its transactions: everything
 * once, from the start, and its rows without positions. It can run something between two pages of a read
 * ({@link #betweenPages}) and fail after a number of pages ({@link #failAfterPages}), as a database going away.
 */
final class TestJournal implements JournalFeedPort {

    /** When every event of these tests occurred, was reported and, for a retraction, was retracted. */
    static final Instant T = Instant.parse("2024-08-01T00:00:00Z");

    private final String id;
    private final boolean shared;
    private final List<Row> rows = new ArrayList<>();
    private final List<Long> running = new ArrayList<>();
    private final List<Long> committed = new ArrayList<>();
    private long nextTransaction = 1;
    private long nextSeq = 1;
    Runnable betweenPages = () -> { };
    int failAfterPages = Integer.MAX_VALUE;

    /** A journal shared with other processes, whose identity is {@code id}. */
    TestJournal(String id) {
        this(id, true);
    }

    TestJournal(boolean shared) {
        this("journal-of-the-test", shared);
    }

    private TestJournal(String id, boolean shared) {
        this.id = id;
        this.shared = shared;
    }

    /** A marketing event of one lender about one phone, at {@link #T}. */
    static Event event(String id) {
        return new Event(id, new InstitutionId("lender"), EventType.MARKETING, new PhoneNumber("+639171234567"), null, T, T,
                null, null, null);
    }

    /** A stored event, or (retraction) the retraction of one. */
    private record Row(long seq, long transaction, Event event, boolean retraction) {
    }

    long begin(String... ids) {
        long transaction = nextTransaction++;
        running.add(transaction);
        for (String eventId : ids) {
            store(transaction, eventId);
        }
        return transaction;
    }

    void store(long transaction, String eventId) {
        rows.add(new Row(nextSeq++, transaction, event(eventId), false));
    }

    void retract(long transaction, String eventId) {
        rows.add(new Row(nextSeq++, transaction, event(eventId), true));
    }

    void commit(long transaction) {
        running.remove(transaction);
        committed.add(transaction);
    }

    void rollBack(long transaction) {
        running.remove(transaction);
        rows.removeIf(row -> row.transaction() == transaction);
    }

    /** Whether the transaction retracted nothing: it may store events. */
    boolean appends(long transaction) {
        return rows.stream().noneMatch(row -> row.transaction() == transaction && row.retraction());
    }

    Set<String> retractedIds() {
        return rows.stream().filter(Row::retraction).map(row -> row.event().eventId()).collect(Collectors.toSet());
    }

    List<Event> eventsOf(long transaction) {
        return rows.stream().filter(row -> row.transaction() == transaction && !row.retraction()).map(Row::event).toList();
    }

    List<RetractedEvent> retractionsOf(long transaction) {
        return rows.stream().filter(row -> row.transaction() == transaction && row.retraction())
                .map(row -> new RetractedEvent(row.event(), T)).toList();
    }

    /** The ids of the events of committed transactions. */
    List<String> committedIds() {
        return rows.stream().filter(row -> committed.contains(row.transaction()) && !row.retraction())
                .map(row -> row.event().eventId()).toList();
    }

    /** The ids of the events committed transactions retracted. */
    List<String> committedRetractedIds() {
        return rows.stream().filter(row -> committed.contains(row.transaction()) && row.retraction())
                .map(row -> row.event().eventId()).toList();
    }

    @Override
    public boolean sharedWithOtherProcesses() {
        return shared;
    }

    @Override
    public String journalId() {
        return id;
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
        int pages = 0;
        for (int at = 0; at < visible.size(); at += pageSize) {
            if (pages++ == failAfterPages) {
                throw new IllegalStateException("the database went away");
            }
            if (at > 0) {
                betweenPages.run();
            }
            sink.events(visible.subList(at, Math.min(visible.size(), at + pageSize)).stream()
                    .map(row -> new FedEvent(row.event(), positionOf(row))).toList());
        }
        if (pages == failAfterPages) {
            throw new IllegalStateException("the database went away");
        }
        List<FedRetraction> retractions = inRange.stream().filter(Row::retraction)
                .map(row -> new FedRetraction(new RetractedEvent(row.event(), T), positionOf(row)))
                .toList();
        if (!retractions.isEmpty()) {
            sink.retractions(retractions);
        }
        return new JournalPosition(horizon);
    }

    private JournalPosition positionOf(Row row) {
        return shared ? new JournalPosition(row.transaction()) : null;
    }

    @Override
    public boolean awaitCommits(Duration timeout) {
        return false;
    }
}

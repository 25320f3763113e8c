package dev.signals.adapter.persistence;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.TreeSet;
import java.util.function.LongFunction;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT_RETRACTION;

/**
 * H2 only: the numbers of the journal's transactions, and the horizon below which all of them have ended, which
 * PostgreSQL keeps itself ({@code pg_current_xact_id()} and {@code pg_snapshot_xmin}, see {@link JooqJournalFeed}).
 *
 * <p>One process opens an H2 database, through one {@link Database}, which holds one of these: that process alone
 * writes the journal, so it can number the transactions that do. Each append and each retraction takes the next
 * number before its transaction begins and writes it into its rows' {@code tx}; the number is running until the
 * transaction has ended, committed or rolled back. The horizon is the lowest number still running, or the next
 * number to be given when none is: every transaction numbered below it has ended, so that no row with a {@code tx}
 * below it can appear any more. A number whose transaction rolled back shows in no row, as on PostgreSQL.
 *
 * <p>Numbers go on from the highest {@code tx} stored in the journal when the database was opened, so that a
 * position read before a restart still means the same rows after it.
 */
final class H2Transactions {

    /** Guarded by this: the numbers given whose transactions have not ended, lowest first. */
    private final TreeSet<Long> running = new TreeSet<>();
    /** Guarded by this: the number the next transaction gets. */
    private long next;

    /** @param highestStored the highest {@code tx} in the journal; 0 for none */
    H2Transactions(long highestStored) {
        this.next = highestStored + 1;
    }

    /** Numbers that go on after the highest {@code tx} stored in {@code event} and {@code event_retraction}. */
    static H2Transactions following(DSLContext dsl) {
        Long events = dsl.select(DSL.max(EVENT.TX)).from(EVENT).fetchSingle().value1();
        Long retractions = dsl.select(DSL.max(EVENT_RETRACTION.TX)).from(EVENT_RETRACTION).fetchSingle().value1();
        return new H2Transactions(Math.max(events == null ? 0 : events, retractions == null ? 0 : retractions));
    }

    /**
     * Gives {@code transaction} the next number, running until {@code transaction} returns or throws. It is to be the
     * whole of one database transaction, so that the transaction has committed or rolled back by then: a number that
     * ended early would let the feed pass rows that had yet to commit.
     */
    <T> T numbered(LongFunction<T> transaction) {
        long number = begin();
        try {
            return transaction.apply(number);
        } finally {
            end(number);
        }
    }

    /** The lowest number still running, or the next one to be given: every transaction below it has ended. */
    synchronized long horizon() {
        return running.isEmpty() ? next : running.first();
    }

    private synchronized long begin() {
        long number = next++;
        running.add(number);
        return number;
    }

    private synchronized void end(long number) {
        running.remove(number);
    }
}

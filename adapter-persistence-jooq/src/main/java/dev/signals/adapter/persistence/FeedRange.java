package dev.signals.adapter.persistence;

import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;

import java.util.List;

/**
 * The rows one read of the feed takes from a table of the journal ({@code event} or {@code event_retraction}), and the
 * order it takes them in, a page at a time (keyset, never OFFSET: a page costs its own rows, and memory stays flat).
 *
 * <ul>
 *   <li>From the start: every row of a transaction below the horizon, and those stored before transactions were
 *       numbered (a null {@code tx}), by {@code seq}: the primary key read in order, the whole table anyway.
 *   <li>From a position: the rows of the transactions from it (inclusive) to the horizon, by {@code (tx, seq)}: the
 *       index on those columns (V6, V9, V18) read in order from where the last page ended, so that a read costs the
 *       rows it takes, however long the journal. By {@code seq} alone, H2 chose the primary key and went through the
 *       whole table for every page.
 * </ul>
 *
 * Either way a transaction's rows come in {@code seq} order, the same at every read.
 */
final class FeedRange {

    private final boolean fromStart;
    private final long from;
    private final long horizon;

    FeedRange(JournalPosition from, long horizon) {
        this.fromStart = from.equals(JournalPosition.START);
        this.from = from.value();
        this.horizon = horizon;
    }

    /** Where a page ended: the {@code tx} (null before transactions were numbered) and {@code seq} of its last row. */
    record Last(Long tx, long seq) {
    }

    /**
     * The rows of the next page, in a table whose transaction numbers are {@code tx} and whose key is {@code seq}: the
     * first page's when {@code last} is null, else those after {@code last} in {@link #order}.
     */
    Condition next(Field<Long> tx, Field<Long> seq, Last last) {
        if (fromStart) {
            Condition range = tx.isNull().or(tx.lt(horizon));
            return last == null ? range : range.and(seq.gt(last.seq()));
        }
        if (last == null) {
            return tx.ge(from).and(tx.lt(horizon));
        }
        return tx.ge(last.tx()).and(tx.lt(horizon)).and(tx.gt(last.tx()).or(seq.gt(last.seq())));
    }

    /** The order the pages follow. */
    List<SortField<Long>> order(Field<Long> tx, Field<Long> seq) {
        return fromStart ? List.of(seq.asc()) : List.of(tx.asc(), seq.asc());
    }
}

package dev.signals.adapter.persistence;

import dev.signals.application.port.PageCursor;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.TableField;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Keyset pagination of an account's list ordered newest first, shared by every list of this adapter: rows are
 * ordered by {@code created_at DESC, id DESC} (the id breaks ties between rows created in the same microsecond), and
 * the page after a {@link PageCursor} holds the rows strictly after it in that order. Rows inserted while a
 * client pages are newer than its cursor, so they neither shift a page nor appear twice.
 *
 * <p>Each list's index is {@code (account_id, created_at DESC, id DESC)} (V14), and a page reads its rows from it in
 * order and stops at the limit. For H2 to do so, the ORDER BY names the account column too (equal in every row of
 * the page, it changes no order), and the first page is bounded like the others ({@code created_at} at most the
 * latest instant a column holds): without a bound on {@code created_at}, H2 preferred the foreign key's index on
 * {@code account_id} alone and read and sorted every row of the account.
 */
final class NewestFirst<R extends Record> {

    /** Later than any row's creation: the bound of the first page. */
    private static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC);

    private final TableField<R, String> accountId;
    private final TableField<R, OffsetDateTime> createdAt;
    private final TableField<R, String> id;

    NewestFirst(TableField<R, String> accountId, TableField<R, OffsetDateTime> createdAt, TableField<R, String> id) {
        this.accountId = accountId;
        this.createdAt = createdAt;
        this.id = id;
    }

    List<SortField<?>> order() {
        return List.of(accountId.asc(), createdAt.desc(), id.desc());
    }

    /**
     * {@code created_at < c.createdAt OR (created_at = c.createdAt AND id < c.id)}, and {@code created_at <= LATEST}
     * without a cursor. The redundant {@code created_at <= c.createdAt} in front lets the database bound its index scan
     * on {@code (account_id, created_at, id)} instead of filtering every row of the account.
     */
    Condition after(PageCursor cursor) {
        if (cursor == null) {
            return createdAt.le(LATEST);
        }
        OffsetDateTime cursorCreatedAt = Timestamps.toColumn(cursor.createdAt());
        return createdAt.le(cursorCreatedAt).and(
                createdAt.lt(cursorCreatedAt).or(createdAt.eq(cursorCreatedAt).and(id.lt(cursor.id()))));
    }

    /** @throws IllegalArgumentException unless {@code limit} is positive */
    static int checkedLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one row, limit was " + limit);
        }
        return limit;
    }
}

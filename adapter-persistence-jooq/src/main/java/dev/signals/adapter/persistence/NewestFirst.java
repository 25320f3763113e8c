package dev.signals.adapter.persistence;

import dev.signals.application.port.PageCursor;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.TableField;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Keyset pagination of a list ordered newest first, shared by every list of this adapter: rows are ordered by
 * {@code created_at DESC, id DESC} (the id breaks ties between rows created in the same microsecond), and the
 * page after a {@link PageCursor} holds the rows strictly after it in that order. Rows inserted while a
 * client pages are newer than its cursor, so they neither shift a page nor appear twice.
 */
final class NewestFirst<R extends Record> {

    private final TableField<R, OffsetDateTime> createdAt;
    private final TableField<R, String> id;

    NewestFirst(TableField<R, OffsetDateTime> createdAt, TableField<R, String> id) {
        this.createdAt = createdAt;
        this.id = id;
    }

    List<SortField<?>> order() {
        return List.of(createdAt.desc(), id.desc());
    }

    /**
     * {@code created_at < c.createdAt OR (created_at = c.createdAt AND id < c.id)}, no condition without a
     * cursor. The redundant {@code created_at <= c.createdAt} in front lets the database bound its index scan
     * on {@code (account_id, created_at, id)} instead of filtering every row of the account.
     */
    Condition after(PageCursor cursor) {
        if (cursor == null) {
            return DSL.noCondition();
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

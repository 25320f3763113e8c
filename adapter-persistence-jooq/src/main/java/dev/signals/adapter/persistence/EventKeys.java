package dev.signals.adapter.persistence;

import dev.signals.domain.account.InstitutionId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;

/**
 * Where the journal finds an institution's events by their ids, which differs between the databases (the exception
 * STYLE names): on H2 through the unique index of {@code event} on (event_id, institution_id) (V3); on PostgreSQL,
 * whose {@code event} is partitioned by month and can hold no such key (V19), through the {@code event_key} row of
 * each id, which names the event's {@code seq} and {@code occurred_at}, so that each event is read from its month's
 * partition alone.
 *
 * <p>{@code event_key} is PostgreSQL's alone, so jOOQ's generator, which reads the migrations both databases share,
 * does not know it; its columns are named here.
 */
final class EventKeys {

    static final Table<?> EVENT_KEY = DSL.table(DSL.unquotedName("event_key"));
    private static final Field<Long> SEQ = DSL.field(DSL.unquotedName("event_key", "seq"), SQLDataType.BIGINT);
    private static final Field<OffsetDateTime> OCCURRED_AT =
            DSL.field(DSL.unquotedName("event_key", "occurred_at"), SQLDataType.TIMESTAMPWITHTIMEZONE(6));
    private static final Field<String> INSTITUTION_ID =
            DSL.field(DSL.unquotedName("event_key", "institution_id"), SQLDataType.VARCHAR(256));
    private static final Field<String> EVENT_ID = DSL.field(DSL.unquotedName("event_key", "event_id"), SQLDataType.VARCHAR(256));

    private final boolean postgres;

    EventKeys(boolean postgres) {
        this.postgres = postgres;
    }

    /**
     * The rows of {@code event} that {@code institution} stored under one of {@code eventIds}. On PostgreSQL this reads
     * the ids' {@code event_key} rows first, with {@code dsl}, and names their events by {@code seq} and
     * {@code occurred_at} as values: a query that joined {@code event_key} instead was planned as a hash join, which
     * read every row the institution had in the month through its phone index to find 50 (issue 19's soak: 162,000
     * rows, 60–84 ms a batch of duplicates, growing with the month), because PostgreSQL guessed about 1,000
     * {@code event_key} rows for 50 ids. With the values, each event is one probe of its month's primary key, and the
     * other months are pruned when the query is planned.
     */
    Condition eventsWithIds(DSLContext dsl, InstitutionId institution, List<String> eventIds) {
        Condition byColumns = EVENT.EVENT_ID.in(eventIds).and(EVENT.INSTITUTION_ID.eq(institution.value()));
        if (!postgres) {
            return byColumns;
        }
        Result<Record2<Long, OffsetDateTime>> keys = keysOf(dsl, institution, eventIds).fetch();
        if (keys.isEmpty()) {
            return DSL.falseCondition();
        }
        // The instants cast, as the plain parameters of the lookups are not (Statements.withPlainParameters).
        List<Field<OffsetDateTime>> months = new LinkedHashSet<>(keys.getValues(OCCURRED_AT)).stream()
                .map(occurredAt -> DSL.cast(DSL.val(occurredAt), EVENT.OCCURRED_AT.getDataType())).toList();
        return byColumns.and(EVENT.SEQ.in(keys.getValues(SEQ))).and(EVENT.OCCURRED_AT.in(months));
    }

    /** The {@code event_key} rows of {@code institution}'s {@code eventIds}: where each event is (PostgreSQL). */
    static ResultQuery<Record2<Long, OffsetDateTime>> keysOf(DSLContext dsl, InstitutionId institution, List<String> eventIds) {
        return Statements.withPlainParameters(dsl).select(SEQ, OCCURRED_AT).from(EVENT_KEY)
                .where(EVENT_ID.in(eventIds)).and(INSTITUTION_ID.eq(institution.value()));
    }
}

package dev.signals.adapter.persistence;

import dev.signals.domain.account.InstitutionId;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.OffsetDateTime;
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

    /** The rows of {@code event} that {@code institution} stored under one of {@code eventIds}. */
    Condition eventsWithIds(InstitutionId institution, List<String> eventIds) {
        Condition byColumns = EVENT.EVENT_ID.in(eventIds).and(EVENT.INSTITUTION_ID.eq(institution.value()));
        if (!postgres) {
            return byColumns;
        }
        return byColumns.and(DSL.row(EVENT.SEQ, EVENT.OCCURRED_AT).in(
                DSL.select(SEQ, OCCURRED_AT).from(EVENT_KEY)
                        .where(EVENT_ID.in(eventIds)).and(INSTITUTION_ID.eq(institution.value()))));
    }
}

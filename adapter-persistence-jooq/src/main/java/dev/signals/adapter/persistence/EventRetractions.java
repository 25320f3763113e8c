package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.EventRecord;
import dev.signals.application.port.out.EventJournalPort.RetractResult;
import dev.signals.application.port.out.EventJournalPort.Retracted;
import dev.signals.application.port.out.JournalFeedPort.FedRetraction;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.event.Retraction;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT_RETRACTION;

/**
 * Retractions in {@code event_retraction} (contract section 4.1): one row per retracted event, next to the event
 * row, which stays as it was. Every statement here runs in its caller's transaction.
 *
 * <p>A retraction locks the institution's events it names ({@code SELECT ... FOR UPDATE}, looked up by the unique
 * key on event id and institution, {@link EventKeys}), so that two concurrent retractions of one event wait for each
 * other and the second finds the first's row: each event is retracted once, and retracting again changes nothing.
 *
 * <p>A retraction's row carries the number of its transaction, as an event's does ({@link JooqJournalFeed}):
 * PostgreSQL's own, its column's default; on H2 the one {@link H2Transactions} gave the caller's transaction.
 */
final class EventRetractions {

    /** Event ids per lookup. */
    private static final int CHUNK = 1_000;
    private static final String TRANSACTION_NUMBER = "select pg_current_xact_id()::text::bigint";

    private final boolean postgres;
    private final EventKeys keys;

    EventRetractions(boolean postgres) {
        this.postgres = postgres;
        this.keys = new EventKeys(postgres);
    }

    /**
     * See {@link dev.signals.application.port.out.EventJournalPort#retract}.
     *
     * @param h2Number on H2, the number {@link H2Transactions} gave {@code transaction}; null on PostgreSQL, which
     *                 numbers its transactions itself
     */
    RetractResult retract(DSLContext transaction, Long h2Number, InstitutionId institution, List<Retraction> retractions,
                          Instant retractedAt) {
        Set<String> ids = new LinkedHashSet<>();
        retractions.forEach(retraction -> ids.add(retraction.eventId()));
        Map<String, EventRecord> events = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            for (EventRecord row : plain(transaction).selectFrom(EVENT)
                    .where(keys.eventsWithIds(transaction, institution, chunk))
                    .forUpdate().fetch()) {
                events.put(row.getEventId(), row);
            }
        }
        Set<Long> retractedBefore = new HashSet<>();
        List<Long> seqs = events.values().stream().map(EventRecord::getSeq).toList();
        for (List<Long> chunk : chunks(seqs)) {
            retractedBefore.addAll(plain(transaction).select(EVENT_RETRACTION.EVENT_SEQ).from(EVENT_RETRACTION)
                    .where(EVENT_RETRACTION.EVENT_SEQ.in(chunk)).fetch(EVENT_RETRACTION.EVENT_SEQ));
        }
        List<Retracted> outcomes = new ArrayList<>(retractions.size());
        List<RetractedEvent> retracted = new ArrayList<>();
        Set<Long> now = new HashSet<>();
        for (Retraction retraction : retractions) {
            EventRecord event = events.get(retraction.eventId());
            if (event == null) {
                outcomes.add(Retracted.UNKNOWN);
            } else if (retractedBefore.contains(event.getSeq()) || !now.add(event.getSeq())) {
                outcomes.add(Retracted.ALREADY_RETRACTED);
            } else {
                var insert = transaction.insertInto(EVENT_RETRACTION)
                        .set(EVENT_RETRACTION.EVENT_SEQ, event.getSeq())
                        .set(EVENT_RETRACTION.RETRACTED_AT, Timestamps.toColumn(retractedAt))
                        .set(EVENT_RETRACTION.REASON, retraction.reason());
                (postgres ? insert : insert.set(EVENT_RETRACTION.TX, h2Number)).execute();
                outcomes.add(Retracted.RETRACTED);
                retracted.add(new RetractedEvent(EventMapper.toEvent(event), retractedAt));
            }
        }
        if (retracted.isEmpty()) {
            return new RetractResult(outcomes, retracted, null);
        }
        if (!postgres) {
            return new RetractResult(outcomes, retracted, new JournalPosition(h2Number));
        }
        long number = transaction.fetchSingle(TRANSACTION_NUMBER).get(0, Long.class);
        transaction.execute("notify " + JooqJournalFeed.CHANNEL);
        return new RetractResult(outcomes, retracted, new JournalPosition(number));
    }

    /** The event ids among {@code eventIds} that {@code institution} reported and then retracted: taken for good. */
    Set<String> retractedIds(DSLContext transaction, InstitutionId institution, Collection<String> eventIds) {
        Set<String> retracted = new HashSet<>();
        for (List<String> chunk : chunks(List.copyOf(eventIds))) {
            retracted.addAll(plain(transaction).select(EVENT.EVENT_ID).from(EVENT)
                    .join(EVENT_RETRACTION).on(EVENT_RETRACTION.EVENT_SEQ.eq(EVENT.SEQ))
                    .where(keys.eventsWithIds(transaction, institution, chunk))
                    .fetch(EVENT.EVENT_ID));
        }
        return retracted;
    }

    /** The retractions of {@code range}, each with its event, page by page ({@link FeedRange}). */
    void readPages(DSLContext dsl, FeedRange range, int pageSize, Consumer<List<FedRetraction>> sink) {
        FeedRange.Last last = null;
        while (true) {
            Result<Record> rows = dsl.select(EVENT.fields()).select(EVENT_RETRACTION.SEQ, EVENT_RETRACTION.RETRACTED_AT,
                            EVENT_RETRACTION.TX)
                    .from(EVENT_RETRACTION).join(EVENT).on(EVENT.SEQ.eq(EVENT_RETRACTION.EVENT_SEQ))
                    .where(range.next(EVENT_RETRACTION.TX, EVENT_RETRACTION.SEQ, last))
                    .orderBy(range.order(EVENT_RETRACTION.TX, EVENT_RETRACTION.SEQ))
                    .limit(pageSize)
                    .fetch();
            if (rows.isEmpty()) {
                return;
            }
            List<FedRetraction> page = new ArrayList<>(rows.size());
            for (Record row : rows) {
                Long tx = row.get(EVENT_RETRACTION.TX);
                page.add(new FedRetraction(new RetractedEvent(EventMapper.toEvent(row.into(EVENT)),
                        Timestamps.fromColumn(row.get(EVENT_RETRACTION.RETRACTED_AT))), tx == null ? null : new JournalPosition(tx)));
            }
            Record end = rows.get(rows.size() - 1);
            last = new FeedRange.Last(end.get(EVENT_RETRACTION.TX), end.get(EVENT_RETRACTION.SEQ));
            sink.accept(page);
            if (rows.size() < pageSize) {
                return;
            }
        }
    }

    /** Plain parameters in IN lists, so that H2 looks each id up in the index. */
    private static DSLContext plain(DSLContext dsl) {
        return Statements.withPlainParameters(dsl);
    }

    private static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += CHUNK) {
            chunks.add(values.subList(from, Math.min(values.size(), from + CHUNK)));
        }
        return chunks;
    }
}

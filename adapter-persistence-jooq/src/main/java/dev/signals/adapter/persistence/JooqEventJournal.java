package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.EventRecord;
import dev.signals.application.port.StorageUnavailableException;
import dev.signals.application.port.out.EventJournalPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.Retraction;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;

/**
 * The event journal in the {@code event} table: one row per accepted event, unique per institution and event id,
 * numbered by {@code seq} in the order they were stored. An append is one transaction, whichever database.
 *
 * <p>On PostgreSQL an append sends the batch's new event ids (the first of each id in the batch) as one
 * {@code INSERT ... SELECT FROM unnest(<one array per column>) ON CONFLICT DO NOTHING RETURNING event_id}: one
 * statement and one round trip for thousands of rows, where a multi-row {@code VALUES} list costs ten bind
 * values per row to render, send and parse. The unique key there is {@code event_key}'s, the table of the event
 * ids beside the partitioned {@code event} (V19, {@link PostgresEventInsert}). The ids it did not insert are already
 * stored (or were just committed by a concurrent writer, which {@code ON CONFLICT} waits for) and are then looked up,
 * usually none, to tell duplicates from conflicts. The rows go in in event-id order, so two writers whose batches
 * overlap wait for each other in the same order instead of deadlocking.
 *
 * <p>On H2, which has no such statement, an append looks up which of its event ids the institution already
 * has ({@code event_id IN (...)}, in chunks), classifies each event against the stored one (or an earlier one
 * of the same batch) and inserts the new ones with multi-row INSERTs, in event-id order for the same reason.
 * The writer that waited gets a unique violation once the other commits (H2 waits at most its lock timeout,
 * 2 seconds by default, then fails), and the whole append runs again, now seeing the other's committed rows;
 * up to {@link #H2_ATTEMPTS} runs in all, after which the collision propagates. Each run is a transaction of its own,
 * with its own number from {@link H2Transactions}, which it writes into its rows' {@code tx} and which ends when the
 * run has committed or rolled back; the number of the run that committed is the append's position, as PostgreSQL's
 * transaction number is there.
 *
 * <p>Within one append, {@code seq} therefore follows the event ids, not the order of the batch; from one
 * append to the next it follows the appends.
 *
 * <p>{@link JooqJournalFeed} reads the journal back, in the order nodes can follow it in.
 */
final class JooqEventJournal implements EventJournalPort {

    private static final Logger LOG = LoggerFactory.getLogger(JooqEventJournal.class);

    /** Event ids per lookup query. */
    private static final int LOOKUP_CHUNK = 1_000;
    /** Rows per INSERT ... unnest statement on PostgreSQL: a whole batch of the use case. */
    private static final int UNNEST_CHUNK = 10_000;
    /** Rows per JDBC batch of the insert on H2. */
    private static final int INSERT_CHUNK = 1_000;

    private final Statements statements;
    private final EventRetractions retractions;
    private final EventKeys keys;
    private final Database database;
    private final boolean postgres;
    /** The statement timeout jOOQ applies to its statements, for the one this class runs on JDBC. */
    private final int timeoutSeconds;

    JooqEventJournal(Database database) {
        this.statements = new Statements(database);
        this.database = database;
        this.postgres = database.kind() == DatabaseKind.POSTGRES;
        this.retractions = new EventRetractions(postgres);
        this.keys = new EventKeys(postgres);
        this.timeoutSeconds = database.settings().statementTimeoutSeconds();
    }

    /** The database appended to, for the feed that reads it back in tests. */
    Database database() {
        return database;
    }

    /**
     * An event id that appears twice in {@code events} is classified like one appended earlier: the first is
     * stored, the second is a duplicate or a conflict.
     *
     * @throws IllegalArgumentException when an event belongs to another institution
     */
    @Override
    public AppendResult append(InstitutionId institution, List<Event> events) {
        Objects.requireNonNull(institution, "institution");
        for (Event event : events) {
            if (!event.institutionId().equals(institution)) {
                throw new IllegalArgumentException("event " + event.eventId() + " belongs to institution "
                        + event.institutionId() + ", not to " + institution + " whose events are appended");
            }
        }
        if (events.isEmpty()) {
            return new AppendResult(List.of(), null);
        }
        if (postgres) {
            // ON CONFLICT leaves no unique violation to recover from: any failure is another one
            return statements.inTransaction(dsl -> appendOnPostgres(dsl, institution, events));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return database.h2Transactions().numbered(
                        number -> statements.inTransaction(dsl -> appendOnH2(dsl, number, institution, events)));
            } catch (DataAccessException e) {
                if (!Statements.isUniqueViolation(e) || attempt == H2_ATTEMPTS) {
                    throw e;
                }
                LOG.info("A concurrent append stored some of the {} event id(s) being appended for institution {}; "
                        + "appending them again (attempt {} of {})", events.size(), institution, attempt + 1, H2_ATTEMPTS);
                pauseBeforeAttempt(attempt);
            }
        }
    }

    /**
     * How often an append on H2 runs when concurrent appends keep storing its ids first: each run sees the
     * rows committed before it, but the other writer may not have committed yet when the collision is
     * reported, so a second run can collide again.
     */
    static final int H2_ATTEMPTS = 5;

    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(5L * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while appending events again", interrupted);
        }
    }

    /**
     * See the class comment: insert what is new in one statement, then look up only what was not. When something
     * was new, the transaction notifies the nodes that follow the journal ({@link JooqJournalFeed#CHANNEL}), which
     * PostgreSQL delivers when it commits.
     */
    private AppendResult appendOnPostgres(DSLContext transaction, InstitutionId institution, List<Event> events) {
        Map<String, Event> firsts = new HashMap<>(events.size() * 2);
        List<Event> distinct = new ArrayList<>(events.size());
        for (Event event : events) {
            if (firsts.putIfAbsent(event.eventId(), event) == null) {
                distinct.add(event);
            }
        }
        distinct.sort(Comparator.comparing(Event::eventId));
        Set<String> inserted = new HashSet<>(distinct.size() * 2);
        long transactionNumber = 0;
        for (int from = 0; from < distinct.size(); from += UNNEST_CHUNK) {
            List<Event> chunk = distinct.subList(from, Math.min(distinct.size(), from + UNNEST_CHUNK));
            PostgresEventInsert.Inserted rows = statements.onConnection(transaction,
                    connection -> PostgresEventInsert.insertNew(connection, timeoutSeconds, institution, chunk));
            inserted.addAll(rows.eventIds());
            if (!rows.eventIds().isEmpty()) {
                transactionNumber = rows.transaction();
            }
        }
        Map<String, Event> stored = inserted.size() == distinct.size() ? Map.of()
                : stored(transaction, institution, distinct.stream().filter(e -> !inserted.contains(e.eventId())).toList());
        Set<String> retracted = stored.isEmpty() ? Set.of() : retractions.retractedIds(transaction, institution, stored.keySet());
        List<Appended> outcomes = new ArrayList<>(events.size());
        Set<String> seen = new HashSet<>(events.size() * 2);
        for (Event event : events) {
            boolean first = seen.add(event.eventId());
            if (inserted.contains(event.eventId())) {
                // a repeat within the batch is compared with the first, which this append stored
                outcomes.add(first ? Appended.NEW : classify(firsts.get(event.eventId()), event));
            } else {
                Event earlier = stored.get(event.eventId());
                if (earlier == null) {
                    // its key is in event_key, its event no longer in the journal: an operator detached the month's
                    // partition and kept its keys (README, "Archiving old months on PostgreSQL"); the id stays taken
                    outcomes.add(Appended.DUPLICATE);
                } else {
                    outcomes.add(retracted.contains(event.eventId()) ? Appended.RETRACTED : classify(earlier, event));
                }
            }
        }
        if (inserted.isEmpty()) {
            return new AppendResult(outcomes, null);
        }
        transaction.execute("notify " + JooqJournalFeed.CHANNEL);
        return new AppendResult(outcomes, new JournalPosition(transactionNumber));
    }

    @Override
    public RetractResult retract(InstitutionId institution, List<Retraction> retractions, Instant retractedAt) {
        Objects.requireNonNull(institution, "institution");
        if (retractions.isEmpty()) {
            return new RetractResult(List.of(), List.of(), null);
        }
        if (postgres) {
            return statements.inTransaction(dsl -> this.retractions.retract(dsl, null, institution, retractions, retractedAt));
        }
        return database.h2Transactions().numbered(number -> statements.inTransaction(
                dsl -> this.retractions.retract(dsl, number, institution, retractions, retractedAt)));
    }

    private static Appended classify(Event earlier, Event event) {
        return earlier.sameContentAs(event) ? Appended.DUPLICATE : Appended.CONFLICT;
    }

    /** See the class comment; {@code number} is this transaction's, from {@link H2Transactions}. */
    private AppendResult appendOnH2(DSLContext dsl, long number, InstitutionId institution, List<Event> events) {
        Map<String, Event> known = stored(dsl, institution, events);
        Set<String> retracted = known.isEmpty() ? Set.of() : retractions.retractedIds(dsl, institution, known.keySet());
        List<Appended> outcomes = new ArrayList<>(events.size());
        List<Event> fresh = new ArrayList<>();
        for (Event event : events) {
            Event earlier = known.putIfAbsent(event.eventId(), event);
            if (earlier == null) {
                outcomes.add(Appended.NEW);
                fresh.add(event);
            } else {
                outcomes.add(retracted.contains(event.eventId()) ? Appended.RETRACTED : classify(earlier, event));
            }
        }
        fresh.sort(Comparator.comparing(Event::eventId));
        for (int from = 0; from < fresh.size(); from += INSERT_CHUNK) {
            insert(dsl, number, institution, fresh.subList(from, Math.min(fresh.size(), from + INSERT_CHUNK)));
        }
        return new AppendResult(outcomes, fresh.isEmpty() ? null : new JournalPosition(number));
    }

    /**
     * The institution's stored events with one of the batch's event ids, by event id, looked up by the unique
     * key on (event_id, institution_id) ({@link EventKeys}), each chunk of ids with one {@code event_id IN (...)}.
     * Two settings keep both databases on that index:
     * <ul>
     *   <li>H2 uses an IN list with an index only when its elements are plain parameters, not the
     *       {@code CAST(? AS VARCHAR(256))} jOOQ renders for H2 by default; without the casts (both databases
     *       take plain string parameters) it looks each id up instead of reading all of the institution's rows.
     *   <li>PostgreSQL, once a lookup has run a few times on one connection, may keep one generic plan for it;
     *       planned while the table was empty, that plan reads the whole table for every chunk from then on.
     *       This transaction plans each lookup for its own ids and the table as it is
     *       ({@code SET LOCAL plan_cache_mode}, PostgreSQL 12 and later; PostgreSQL only).
     * </ul>
     */
    private Map<String, Event> stored(DSLContext transaction, InstitutionId institution, List<Event> events) {
        if (postgres) {
            transaction.execute("set local plan_cache_mode = force_custom_plan");
        }
        List<String> ids = events.stream().map(Event::eventId).distinct().toList();
        Map<String, Event> stored = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            for (EventRecord row : lookup(transaction, keys, institution, chunk).fetch()) {
                stored.put(row.getEventId(), EventMapper.toEvent(row));
            }
        }
        return stored;
    }

    /** The institution's stored events with one of these event ids, with plain parameters (see {@link #stored}). */
    static ResultQuery<EventRecord> lookup(DSLContext dsl, EventKeys keys, InstitutionId institution, List<String> eventIds) {
        DSLContext plain = Statements.withPlainParameters(dsl);
        return plain.selectFrom(EVENT).where(keys.eventsWithIds(plain, institution, eventIds));
    }

    /**
     * H2: the events as one statement rendered once with bind parameters and run as a JDBC batch, a row per event: H2
     * parses it once per connection, where a multi-row insert with each batch's values was rendered by jOOQ and parsed
     * by H2 for every batch (issue 17's profile of the mixed load). Each row carries the transaction's {@code number}.
     */
    private static void insert(DSLContext dsl, long number, InstitutionId institution, List<Event> events) {
        BatchBindStep batch = dsl.batch(dsl.insertInto(EVENT,
                EVENT.TX, EVENT.INSTITUTION_ID, EVENT.EVENT_ID, EVENT.TYPE, EVENT.PHONE, EVENT.EMAIL_ADDRESS,
                EVENT.OCCURRED_AT, EVENT.REPORTED_AT, EVENT.AMOUNT, EVENT.OVERDUE_DAYS, EVENT.AUTO_REPAYMENT)
                .values((Long) null, null, null, null, null, null, null, null, null, null, null));
        for (Event event : events) {
            batch = batch.bind(
                    number,
                    institution.value(),
                    event.eventId(),
                    EventMapper.typeCode(event.type()),
                    event.phone() == null ? null : event.phone().e164(),
                    event.emailAddress() == null ? null : event.emailAddress().value(),
                    Timestamps.toColumn(event.occurredAt()),
                    Timestamps.toColumn(event.reportedAt()),
                    event.amount(),
                    event.overdueDays(),
                    event.autoRepayment());
        }
        batch.execute();
    }
}

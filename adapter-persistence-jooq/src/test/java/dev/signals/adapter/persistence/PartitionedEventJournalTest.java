package dev.signals.adapter.persistence;

import dev.signals.application.port.out.EventJournalPort.Appended;
import dev.signals.application.port.out.EventJournalPort.Retracted;
import dev.signals.application.port.out.JournalFeedPort.FedEvent;
import dev.signals.application.port.out.JournalFeedPort.FedRetraction;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.event.Retraction;
import dev.signals.domain.subject.PhoneNumber;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's journal partitioned by month (V19): each event in its month's partition, or the default one; every
 * behaviour of the journal as on the table it replaced (duplicates, conflicts, retractions, the feed); the partitions
 * ahead created once however many nodes start at once; a database with events from before migrated row for row; and
 * a month detached as README's "Archiving old months on PostgreSQL" says, gone from the journal's reads while appends
 * go on.
 */
class PartitionedEventJournalTest {

    private static final InstitutionId LENDER = new InstitutionId("lender-a");
    private static final Instant MAY = Instant.parse("2024-05-31T23:59:59.999999Z");
    private static final Instant JUNE = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant OLD = Instant.parse("2019-03-10T12:00:00Z");
    private static final Instant RETRACTED_AT = Instant.parse("2024-07-01T10:00:00Z");

    private static Event event(String id, Instant occurredAt) {
        return new Event(id, LENDER, EventType.OVERDUE, new PhoneNumber("+639171234567"), null, occurredAt, occurredAt,
                new BigDecimal("1520.50"), 12, false);
    }

    private static Event changed(Event event) {
        return new Event(event.eventId(), LENDER, EventType.DEBT, event.phone(), null, event.occurredAt(),
                event.reportedAt(), null, null, null);
    }

    /** The partitions of May and June 2024 (UTC), as an operator might have had them created before back-filling. */
    private static void createMayAndJune(DSLContext dsl) {
        assertThat(dsl.fetchSingle("select create_event_partition(date '2024-05-01')").get(0, Boolean.class)).isTrue();
        assertThat(dsl.fetchSingle("select create_event_partition(date '2024-06-01')").get(0, Boolean.class)).isTrue();
    }

    /** The partition that holds {@code eventId}'s row. */
    private static String partitionOf(DSLContext dsl, String eventId) {
        return dsl.fetchSingle("select tableoid::regclass::text from event where event_id = ?", eventId).get(0, String.class);
    }

    /** The names of {@code event}'s partitions. */
    private static List<String> partitions(DSLContext dsl) {
        return dsl.fetch("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "where i.inhparent = 'event'::regclass order by c.relname").getValues(0, String.class);
    }

    @Test
    void eventsLandInTheirMonthsPartitionAndTheJournalBehavesAsOnOneTable() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            createMayAndJune(db.dsl());
            var journal = new JooqEventJournal(db.database());
            Event may = event("may", MAY);
            Event june = event("june", JUNE);
            Event old = event("old", OLD);
            assertThat(journal.append(LENDER, List.of(may, june, old)).outcomes())
                    .containsExactly(Appended.NEW, Appended.NEW, Appended.NEW);

            assertThat(partitionOf(db.dsl(), "may")).isEqualTo("event_y2024m05");
            assertThat(partitionOf(db.dsl(), "june")).isEqualTo("event_y2024m06");
            assertThat(partitionOf(db.dsl(), "old")).as("no partition of its month").isEqualTo("event_default");

            assertThat(journal.append(LENDER, List.of(may, changed(june), event("july", JUNE.plusSeconds(40 * 86_400)), old))
                    .outcomes()).containsExactly(Appended.DUPLICATE, Appended.CONFLICT, Appended.NEW, Appended.DUPLICATE);
            assertThat(journal.retract(LENDER, List.of(new Retraction("june", null), new Retraction("nowhere", null)),
                    RETRACTED_AT).outcomes()).containsExactly(Retracted.RETRACTED, Retracted.UNKNOWN);
            assertThat(journal.retract(LENDER, List.of(new Retraction("june", null)), RETRACTED_AT).outcomes())
                    .containsExactly(Retracted.ALREADY_RETRACTED);
            assertThat(journal.append(LENDER, List.of(june, changed(june))).outcomes())
                    .as("a retracted id stays taken").containsExactly(Appended.RETRACTED, Appended.RETRACTED);

            Read all = Read.since(db, JournalPosition.START);
            assertThat(all.events).extracting(FedEvent::event)
                    .containsExactlyInAnyOrder(may, june, old, event("july", JUNE.plusSeconds(40 * 86_400)));
            assertThat(all.retractions).extracting(FedRetraction::retracted)
                    .containsExactly(new RetractedEvent(june, RETRACTED_AT));
            Event later = event("later", MAY.minusSeconds(86_400));
            journal.append(LENDER, List.of(later));
            assertThat(Read.since(db, all.reached).events).as("each row once").extracting(FedEvent::event)
                    .containsExactly(later);
            assertThat(db.dsl().fetchCount(DSL.table("event_key"))).as("a key per event").isEqualTo(5);
        }
    }

    @Test
    void thePartitionsAheadAreCreatedOnceWhenSeveralNodesCreateThemAtOnce() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            List<String> ahead = db.dsl().fetch("select to_char(date_trunc('month', now() at time zone 'UTC') "
                    + "+ make_interval(months => i), '\"event_y\"YYYY\"m\"MM') from generate_series(0, ?) i",
                    EventPartitions.MONTHS_AHEAD).getValues(0, String.class);
            assertThat(partitions(db.dsl())).as("created by the migration and the start").containsAll(ahead);

            int nodes = 4;
            CyclicBarrier together = new CyclicBarrier(nodes);
            ExecutorService threads = Executors.newFixedThreadPool(nodes);
            List<StartedDatabase> others = new ArrayList<>();
            try {
                for (int i = 0; i < nodes; i++) {
                    others.add(StartedDatabase.sharing(db));
                }
                for (String partition : ahead) {
                    db.dsl().execute("drop table " + partition);
                }
                List<Future<Integer>> created = new ArrayList<>();
                for (StartedDatabase node : others) {
                    created.add(threads.submit(() -> {
                        together.await();
                        return EventPartitions.createAhead(node.dsl());
                    }));
                }
                int total = 0;
                for (Future<Integer> each : created) {
                    total += each.get();
                }
                assertThat(total).as("each partition created by one node").isEqualTo(ahead.size());
            } finally {
                threads.shutdownNow();
                others.forEach(StartedDatabase::close);
            }
            assertThat(partitions(db.dsl())).containsAll(ahead);
            assertThat(EventPartitions.createAhead(db.dsl())).as("again, nothing to create").isZero();

            var journal = new JooqEventJournal(db.database());
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            journal.append(LENDER, List.of(event("now", now)));
            assertThat(partitionOf(db.dsl(), "now")).isEqualTo(ahead.get(0));
        }
    }

    @Test
    void aDatabaseWithEventsFromBeforeKeepsEveryRowAndItsKeys() throws Exception {
        TestDatabases.TestDatabase testDatabase = TestDatabases.create(DatabaseKind.POSTGRES);
        DatabaseSettings settings = testDatabase.settings();
        var flyway = Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration", "classpath:db/postgresql")
                .javaMigrations(new FillSubjectDigests())
                .placeholders(Map.of("journal_id", UUID.randomUUID().toString()))
                .target("17");
        settings.optionalSchema().ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema));
        flyway.load().migrate();
        Event may = event("may", MAY);
        Event june = event("june", JUNE);
        Event old = event("old", OLD);
        Event withdrawn = event("withdrawn", JUNE.plusSeconds(60));
        String before;
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            connection.createStatement().execute("set search_path to " + settings.optionalSchema().orElseThrow());
            for (Event event : List.of(may, june, old, withdrawn)) {
                storeTheOldWay(connection, event);
            }
            connection.createStatement().execute("insert into event_retraction (event_seq, retracted_at) "
                    + "select seq, timestamptz '2024-07-01 10:00:00+00' from event where event_id = 'withdrawn'");
            before = rows(DSL.using(connection, SQLDialect.POSTGRES));
        }

        try (var db = StartedDatabase.start(testDatabase, new Database(settings))) {
            assertThat(rows(db.dsl())).as("every row, with its seq and tx").isEqualTo(before);
            assertThat(partitionOf(db.dsl(), "may")).isEqualTo("event_y2024m05");
            assertThat(partitionOf(db.dsl(), "june")).isEqualTo("event_y2024m06");
            assertThat(partitionOf(db.dsl(), "old")).isEqualTo("event_y2019m03");

            var journal = new JooqEventJournal(db.database());
            long highest = db.dsl().fetchSingle("select max(seq) from event").get(0, Long.class);
            assertThat(journal.append(LENDER, List.of(may, changed(june), withdrawn, event("new", MAY))).outcomes())
                    .containsExactly(Appended.DUPLICATE, Appended.CONFLICT, Appended.RETRACTED, Appended.NEW);
            assertThat(db.dsl().fetchSingle("select seq from event where event_id = 'new'").get(0, Long.class))
                    .as("seq goes on after the rows from before").isGreaterThan(highest);
            assertThat(journal.retract(LENDER, List.of(new Retraction("old", null), new Retraction("withdrawn", null)),
                    RETRACTED_AT).outcomes()).containsExactly(Retracted.RETRACTED, Retracted.ALREADY_RETRACTED);

            Read all = Read.since(db, JournalPosition.START);
            assertThat(all.events).extracting(FedEvent::event)
                    .containsExactlyInAnyOrder(may, june, old, withdrawn, event("new", MAY));
            assertThat(all.retractions).extracting(FedRetraction::retracted).containsExactlyInAnyOrder(
                    new RetractedEvent(withdrawn, RETRACTED_AT), new RetractedEvent(old, RETRACTED_AT));
        }
    }

    @Test
    void aDetachedMonthLeavesTheJournalsReadsAndAppendsGoOn() throws Exception {
        try (var db = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            createMayAndJune(db.dsl());
            var journal = new JooqEventJournal(db.database());
            Event may = event("may", MAY);
            Event mayToo = event("may-too", MAY.minusSeconds(3_600));
            Event june = event("june", JUNE);
            journal.append(LENDER, List.of(may, mayToo, june));
            journal.retract(LENDER, List.of(new Retraction("may-too", null)), RETRACTED_AT);

            // README, "Archiving old months on PostgreSQL": first the month leaves the journal
            db.dsl().execute("alter table event detach partition event_y2024m05");

            Read all = Read.since(db, JournalPosition.START);
            assertThat(all.events).extracting(FedEvent::event).containsExactly(june);
            assertThat(all.retractions).as("the retraction of an archived event with it").isEmpty();
            assertThat(journal.retract(LENDER, List.of(new Retraction("may", null)), RETRACTED_AT).outcomes())
                    .containsExactly(Retracted.UNKNOWN);
            Event alsoMay = event("also-may", MAY.minusSeconds(60));
            assertThat(journal.append(LENDER, List.of(may, alsoMay, event("july", JUNE.plusSeconds(40 * 86_400))))
                    .outcomes()).as("the archived ids stay taken while their keys are kept")
                    .containsExactly(Appended.DUPLICATE, Appended.NEW, Appended.NEW);
            assertThat(partitionOf(db.dsl(), "also-may")).isEqualTo("event_default");

            // then its ids are freed
            db.dsl().execute("delete from event_key k using event_y2024m05 a "
                    + "where k.event_id = a.event_id and k.institution_id = a.institution_id");
            assertThat(journal.append(LENDER, List.of(may)).outcomes()).containsExactly(Appended.NEW);
            assertThat(db.dsl().fetchCount(DSL.table("event_y2024m05"))).as("the archive keeps the month's rows").isEqualTo(2);
            assertThat(Read.since(db, JournalPosition.START).events).extracting(fed -> fed.event().eventId())
                    .containsExactlyInAnyOrder("june", "also-may", "july", "may");
        }
    }

    /** An event as the journal stored it before V19, in the table V3 to V17 made. */
    private static void storeTheOldWay(Connection connection, Event event) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("insert into event (institution_id, event_id, type, "
                + "phone, occurred_at, reported_at, amount, overdue_days, auto_repayment) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, event.institutionId().value());
            insert.setString(2, event.eventId());
            insert.setShort(3, EventMapper.typeCode(event.type()));
            insert.setString(4, event.phone().e164());
            insert.setObject(5, Timestamps.toColumn(event.occurredAt()));
            insert.setObject(6, Timestamps.toColumn(event.reportedAt()));
            insert.setBigDecimal(7, event.amount());
            insert.setInt(8, event.overdueDays());
            insert.setBoolean(9, event.autoRepayment());
            insert.executeUpdate();
        }
    }

    /** Every row of the journal's two tables, every column, as text. */
    private static String rows(DSLContext dsl) {
        return dsl.fetch("select * from event order by seq").formatCSV()
                + dsl.fetch("select * from event_retraction order by seq").formatCSV();
    }

    /**
     * What reads of the feed handed over from {@code from} until they reached past every transaction committed before,
     * and the position they reached. The feed reads below the oldest transaction still running on the whole server,
     * which another database's sessions may hold back for a moment; the reads go on until it has passed.
     */
    private static final class Read extends RecordedFeed {

        JournalPosition reached;

        static Read since(StartedDatabase db, JournalPosition from) throws InterruptedException {
            long committedBelow = db.dsl().fetchSingle("select pg_current_xact_id()::text::bigint").get(0, Long.class);
            var feed = new JooqJournalFeed(db.database());
            Read read = new Read();
            read.reached = feed.readSince(from, 2, read);
            for (int more = 0; read.reached.value() <= committedBelow; more++) {
                assertThat(more).as("reads until the horizon passes transaction %s", committedBelow).isLessThan(600);
                Thread.sleep(50);
                read.reached = feed.readSince(read.reached, 2, read);
            }
            return read;
        }
    }
}

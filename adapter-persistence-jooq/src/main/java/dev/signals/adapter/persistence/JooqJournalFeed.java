package dev.signals.adapter.persistence;

import dev.signals.application.port.out.JournalFeedPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static dev.signals.adapter.persistence.jooq.Tables.EVENT_RETRACTION;
import static dev.signals.adapter.persistence.jooq.Tables.JOURNAL_IDENTITY;

/**
 * The {@code event} table read as a feed (contract section 7.1), so that any number of nodes follow one journal.
 *
 * <p>On PostgreSQL every row carries {@code tx}, the 64-bit number of the transaction that inserted it (V6). The
 * horizon is {@code pg_snapshot_xmin(pg_current_snapshot())}: the oldest transaction still running, so that every
 * transaction numbered below it has committed or rolled back, and no row with a {@code tx} below it can appear
 * any more. A read from position {@code p} takes the rows with {@code p <= tx < horizon}, then moves to the
 * horizon: each row is read exactly once, however the transactions interleave and in whatever order they commit
 * (which {@code seq}, taken at insert time, does not follow). This is the high-water mark of an outbox read by
 * transaction number, where event stores that number rows by a sequence guess at gaps with timeouts instead.
 * A transaction that stays open holds the horizon back, and with it every node's view: an idle session left
 * in a transaction on this database delays the nodes by as long as it stays open.
 *
 * <p>Nodes wake each other up with {@code LISTEN}/{@code NOTIFY} on {@link #CHANNEL}: an append that stored
 * something notifies in its transaction, which PostgreSQL delivers on commit, to a connection of each node
 * kept for listening alone. The notification is only a hint; a node reads after its timeout anyway.
 *
 * <p>Retractions ({@code event_retraction}) are read the same way, by their own transaction numbers, after the
 * events of the same range: a retraction commits after the event it withdraws.
 *
 * <p>On the embedded H2 database, which one process opens at a time, that process numbers the journal's transactions
 * itself and keeps their horizon, the lowest number still running ({@link H2Transactions}); the feed reads by
 * {@code tx} as on PostgreSQL (V18 indexes it), from the start also the rows stored before H2 numbered them. No other
 * process appends there: whatever a read finds after the first, this process appended itself and indexed as it
 * committed. The reads still move the horizon up, and with it the position a checkpoint of the index is taken at.
 *
 * <p>The journal's identity ({@link #journalId()}) is the one V17 stored when it created the journal.
 */
final class JooqJournalFeed implements JournalFeedPort, AutoCloseable {

    /** The notification channel of journal appends. */
    static final String CHANNEL = "signals_journal";

    private static final Logger LOG = LoggerFactory.getLogger(JooqJournalFeed.class);
    private static final String HORIZON = "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    private final Database database;
    private final Statements statements;
    private final EventRetractions retractions;
    private final boolean postgres;
    /** Read at the first call: it never changes for a database. */
    private volatile String journalId;
    private final Object listening = new Object();
    /** Guarded by listening. The connection LISTENing on {@link #CHANNEL}, opened at the first wait. */
    private Connection listener;
    private volatile boolean closed;

    JooqJournalFeed(Database database) {
        this.database = database;
        this.statements = new Statements(database);
        this.postgres = database.kind() == DatabaseKind.POSTGRES;
        this.retractions = new EventRetractions(postgres);
    }

    @Override
    public boolean sharedWithOtherProcesses() {
        return postgres;
    }

    @Override
    public String journalId() {
        String id = journalId;
        if (id == null) {
            id = statements.run(dsl -> dsl.select(JOURNAL_IDENTITY.JOURNAL_ID).from(JOURNAL_IDENTITY).fetchSingle().value1());
            journalId = id;
        }
        return id;
    }

    @Override
    public JournalPosition readSince(JournalPosition from, int pageSize, FeedSink sink) {
        Objects.requireNonNull(from, "from");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        long horizon = postgres ? statements.run(dsl -> dsl.fetchSingle(HORIZON).get(0, Long.class))
                : database.h2Transactions().horizon();
        FeedRange range = new FeedRange(from, horizon);
        readPages(range, pageSize, sink);
        statements.run(dsl -> {
            retractions.readPages(dsl, range, pageSize, sink::retractions);
            return null;
        });
        return new JournalPosition(horizon);
    }

    /** The events of {@code range}, page by page ({@link FeedRange}). */
    private void readPages(FeedRange range, int pageSize, FeedSink sink) {
        FeedRange.Last last = null;
        while (true) {
            FeedRange.Last after = last;
            List<PagedEvent> rows = statements.run(dsl -> EventRowReader.read(dsl,
                    dsl.select(EventRowReader.columns(EVENT.TX, EVENT.SEQ)).from(EVENT)
                            .where(range.next(EVENT.TX, EVENT.SEQ, after))
                            .orderBy(range.order(EVENT.TX, EVENT.SEQ))
                            .limit(pageSize),
                    row -> {
                        Long tx = row.longAfterEvent(1);
                        return new PagedEvent(new FedEvent(row.event(), tx == null ? null : new JournalPosition(tx)),
                                new FeedRange.Last(tx, row.longAfterEvent(2)));
                    }));
            if (rows.isEmpty()) {
                return;
            }
            last = rows.get(rows.size() - 1).last();
            sink.events(rows.stream().map(PagedEvent::fed).toList());
            if (rows.size() < pageSize) {
                return;
            }
        }
    }

    /** An event as fed, with where the next page starts after it. */
    private record PagedEvent(FedEvent fed, FeedRange.Last last) {
    }

    @Override
    public boolean awaitCommits(Duration timeout) throws InterruptedException {
        if (!postgres || closed) {
            Thread.sleep(timeout.toMillis());
            return false;
        }
        synchronized (listening) {
            try {
                if (listener == null) {
                    listener = listen();
                }
                PGNotification[] notifications = listener.unwrap(PGConnection.class)
                        .getNotifications((int) Math.max(1, timeout.toMillis()));
                return notifications != null && notifications.length > 0;
            } catch (SQLException e) {
                LOG.debug("Listening for journal appends failed; the next wait connects again", e);
                closeListener();
            }
        }
        Thread.sleep(timeout.toMillis());
        return false;
    }

    private Connection listen() throws SQLException {
        DatabaseSettings settings = database.settings();
        Properties properties = settings.credentials();
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        properties.setProperty("ApplicationName", "signals-journal-listener");
        Connection connection = DriverManager.getConnection(settings.url(), properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("listen " + CHANNEL);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (SQLException e) {
                LOG.debug("Closing the journal listener connection failed", e);
            }
            listener = null;
        }
    }

    /** Closes the listening connection. */
    @Override
    public void close() {
        closed = true;
        synchronized (listening) {
            closeListener();
        }
    }
}

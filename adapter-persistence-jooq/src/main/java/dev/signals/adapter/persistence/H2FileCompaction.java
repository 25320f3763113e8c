package dev.signals.adapter.persistence;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * H2 file databases only: keeps the file near the size of its live data, which H2 itself does not do with the
 * {@code WRITE_DELAY 0} that {@link Database} sets.
 *
 * <p>Why the file grows. H2's store (MVStore) never overwrites a page: each commit appends a chunk holding the pages
 * it changed, and an older chunk's space is reused only once none of its pages is live any more (and it is older than
 * {@code RETENTION_TIME}, 45 s). Journal rows are spread over several indexes, so old chunks keep a few live pages
 * each and almost never die. H2 copies those pages into new chunks from its background writer thread, which also
 * writes delayed commits; with {@code WRITE_DELAY 0} (each commit written before it returns, which is what makes a 200
 * survive a SIGKILL) H2 stops that thread, and nothing compacts except {@code MAX_COMPACT_TIME}, 200 ms, at close.
 * Measured by {@code signals generate} into an empty data directory (H2 2.2.224, 2 cores): at 500,000 events the
 * file was 2.27 GB, of whose chunks' bytes 6 % were live, and {@code SHUTDOWN COMPACT} of a copy left 51 MB (it also
 * compresses); at 2,000,000 (and 160,000 signal requests) 22 GB, and 508 MB after
 * {@code SHUTDOWN COMPACT} (issue 18).
 *
 * <p>The rule: while the database is open, a thread of this class does what H2's background writer would, once a
 * second: when less than {@value #TARGET_FILL_RATE} % of the chunks' bytes are live, it copies the live pages of the
 * emptiest chunks ({@value #REWRITE_BYTES} bytes at most) into the next commit, so that those chunks die and their
 * space is reused. Commits stay as durable as before: a copied page is written by a commit like any other, and until
 * then the old chunk still holds it. {@code RETENTION_TIME} stays at H2's 45 s, which guards the file against a crash
 * of the machine (not of the process) overwriting a chunk that the last header still names: a chunk is copied, and
 * its space reused, only once it is that old, so under a burst of writes the file holds up to 45 s of them besides
 * its live data. When the database is closed, a file whose live bytes are less than
 * {@value #COMPACT_AT_CLOSE_BELOW} % of it is rewritten whole ({@code SHUTDOWN COMPACT}: into a new file, which then
 * replaces the old one, so that a kill halfway leaves the old file); whatever wrote the file, the service or a command
 * of the CLI, leaves it within twice its live data.
 *
 * <p>With both, {@code generate --events 500000}: 61.3 s of generating instead of 69.1 s (noise), 66 s of the whole
 * command instead of 74 s, the file at most 2.28 GB while running (all of it younger than 45 s) and 51 MB after the
 * close; {@code generate --events 2000000}: 251 s of generating (7,955 events/s), 261 s of the whole command, the file
 * at most 6.4 GB instead of 22 GB while running and 200 MB after the close, with its 2,000,000 events.
 */
final class H2FileCompaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);

    /** Below this share of live bytes in the chunks, the emptiest chunks are copied. */
    static final int TARGET_FILL_RATE = 80;
    /** The most live bytes copied in one round, a second apart. */
    static final int REWRITE_BYTES = 16 * 1024 * 1024;
    /** Below this share of live bytes in the file, closing rewrites it whole. */
    static final int COMPACT_AT_CLOSE_BELOW = 50;

    private final DataSource pool;
    private final ScheduledExecutorService rounds;

    private H2FileCompaction(DataSource pool) {
        this.pool = pool;
        this.rounds = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "h2-file-compaction");
            thread.setDaemon(true);
            return thread;
        });
        rounds.scheduleWithFixedDelay(this::round, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts the rounds on the database of {@code pool} when it is kept in a file; null when it is in memory. */
    static H2FileCompaction startOnFile(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return file(connection) == null ? null : new H2FileCompaction(pool);
        } catch (SQLException e) {
            throw new IllegalStateException("the database cannot be reached", e);
        }
    }

    private void round() {
        try (Connection connection = pool.getConnection()) {
            MVStore store = store(connection);
            FileStore<?> file = file(connection);
            if (file != null && file.getChunksFillRate() < TARGET_FILL_RATE
                    && store.compact(TARGET_FILL_RATE, REWRITE_BYTES)) {
                store.tryCommit();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Compacting the database file skipped a round", e);
        }
    }

    /** Stops the rounds, waiting for one under way. */
    @Override
    public void close() {
        rounds.shutdownNow();
        try {
            rounds.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the H2 file database {@code settings} reach, while it is open in this process, rewriting its file whole
     * when less than {@value #COMPACT_AT_CLOSE_BELOW} % of it is live data; does nothing else. The database's other
     * connections (the pool's) are closed with it. A failure is logged: the file is then closed as it is.
     */
    static void closeCompacting(DatabaseSettings settings) {
        // A connection of its own: the pool's fail on being handed back once the database has shut down.
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.credentials())) {
            FileStore<?> file = file(connection);
            if (file == null) {
                return;
            }
            long size = file.size();
            int live = liveShare(file);
            if (live < COMPACT_AT_CLOSE_BELOW) {
                long started = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN COMPACT");
                }
                LOG.info("Database file compacted at close: {} MB of which {} % live, in {} ms", size >> 20, live,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Compacting the database file at close failed; it is closed as it is", e);
        }
    }

    /** The share of the file, in percent, that live pages take: of its chunks' share, their live bytes' share. */
    static int liveShare(FileStore<?> file) {
        return file.getFillRate() * file.getChunksFillRate() / 100;
    }

    /** The file of the database {@code connection} reaches in this process; null when in memory or in another process. */
    static FileStore<?> file(Connection connection) throws SQLException {
        MVStore store = store(connection);
        return store == null || store.isClosed() ? null : store.getFileStore();
    }

    /** The store of the database {@code connection} reaches in this process; null when in another process. */
    static MVStore store(Connection connection) throws SQLException {
        return connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                ? session.getDatabase().getStore().getMvStore() : null;
    }
}

package dev.signals.benchmarks.ingest;

import dev.signals.adapter.persistence.Database;
import dev.signals.adapter.persistence.DatabaseSettings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The limit {@link IngestionBenchmark --h2} compares with: H2's own fastest load of the rows the service stored, one
 * {@code INSERT ... SELECT} from {@code CSVREAD} of a CSV file that {@code CSVWRITE} wrote from the service's
 * database, into a fresh database migrated as the service migrates it, committed once.
 */
final class H2BulkBaseline {

    private static final String COLUMNS = "institution_id, event_id, type, phone, email_address, occurred_at, reported_at,"
            + " amount, overdue_days, auto_repayment";

    private H2BulkBaseline() {
    }

    /** Writes the rows the service stored, in the order it stored them, to {@code csv}. */
    static void dump(DatabaseSettings service, Path csv) throws Exception {
        try (Connection connection = DriverManager.getConnection(service.url(), service.credentials());
             Statement statement = connection.createStatement()) {
            statement.execute("CALL CSVWRITE('" + csv.toAbsolutePath() + "', 'SELECT " + COLUMNS + " FROM event ORDER BY seq')");
        }
    }

    /** Migrates a fresh database in {@code dir}, then loads {@code csv} into its event table in one statement; rows per second. */
    static double load(Path dir, Path csv, int events) throws Exception {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:h2:file:" + dir.resolve("signals").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE", null, null);
        try (Database database = new Database(settings)) {
            database.start();
        }
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.credentials());
             Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            int loaded = statement.executeUpdate("INSERT INTO event (" + COLUMNS + ") SELECT * FROM CSVREAD('"
                    + csv.toAbsolutePath() + "')");
            connection.commit();
            long nanos = System.nanoTime() - started;
            if (loaded != events) {
                throw new IllegalStateException("the bulk load stored " + loaded + " of " + events + " rows");
            }
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM event")) {
                count.next();
                if (count.getLong(1) != events) {
                    throw new IllegalStateException("the bulk-loaded database holds " + count.getLong(1) + " rows");
                }
            }
            return loaded / (nanos / 1e9);
        }
    }
}

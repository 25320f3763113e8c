package dev.signals.benchmarks.ingest;

import dev.signals.adapter.persistence.Database;
import dev.signals.adapter.persistence.DatabaseSettings;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** The limit {@link IngestionBenchmark} compares with: PostgreSQL's own COPY of the rows the service stored. */
final class CopyBaseline {

    private static final String COLUMNS = "institution_id, event_id, type, phone, email_address, occurred_at, reported_at,"
            + " amount, overdue_days, auto_repayment";

    private CopyBaseline() {
    }

    /** The rows the service stored, in the text format of COPY, in the order it stored them. */
    static byte[] dump(String pgUrl, String schema) throws Exception {
        try (Connection connection = DriverManager.getConnection(pgUrl)) {
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (SELECT " + COLUMNS + " FROM " + schema + ".event ORDER BY seq) TO STDOUT", rows);
            return rows.toByteArray();
        }
    }

    /** Migrates an empty schema as the service does, then COPYs the rows into its event table; rows per second. */
    static double copy(String pgUrl, String schema, byte[] rows, int events) throws Exception {
        DatabaseSettings settings = DatabaseSettings.of(pgUrl, null, null).withSchema(schema);
        try (Database database = new Database(settings)) {
            database.start();
        }
        try (Connection connection = DriverManager.getConnection(pgUrl)) {
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY " + schema + ".event (" + COLUMNS + ") FROM STDIN", new ByteArrayInputStream(rows));
            connection.commit();
            long nanos = System.nanoTime() - started;
            if (copied != events) {
                throw new IllegalStateException("COPY stored " + copied + " of " + events + " rows");
            }
            try (Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM " + schema + ".event")) {
                count.next();
                if (count.getLong(1) != events) {
                    throw new IllegalStateException("the copy schema holds " + count.getLong(1) + " rows");
                }
            }
            return copied / (nanos / 1e9);
        }
    }
}

package dev.signals.benchmarks.store;

import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The least a durable signal request costs on a database: the row the service writes ({@code signal_request}), written
 * with plain JDBC, no jOOQ, no pool, by one writer thread
 * that takes every request queued while it last committed (up to 64) and commits them in one transaction. A caller
 * returns once the transaction holding its request has committed.
 */
public final class HandWrittenStore implements RequestStoreBenchmark.Store {

    public enum Dialect { H2, POSTGRES, POSTGRES_UNNEST, SQLITE }

    /**
     * The rows written: the service's ({@code signal_request}, 24 columns, the values as text and the template's signal
     * names, and the two subject digests of V11), or a packed row (id, account, creation instant, lookup key, the two
     * digests, and the rest in one binary column of about 200 bytes: the values as numbers with a null mask), with or
     * without the two digest indexes (what finding a request by its subject costs each write).
     */
    public enum Layout { SERVICE, PACKED, PACKED_WITHOUT_DIGEST_INDEXES }

    /** A plain connection to a migrated database, and what to do when done with it. */
    public record Connected(Connection connection, Runnable cleanUp) {
    }

    private static final int MAX_BATCH = 64;
    private static final String COLUMNS = "id, account_id, created_at, as_of, status, result_code, result_message, subject_key, "
            + "meta_phone, meta_country_code, meta_email_address, meta_template_id, consent_type, consent_version, consent_with, "
            + "consent_at, consent_template_id, template_id, signals, amount_format, amount_bands, result_values, "
            + "subject_digest, subject_alias_digest";
    private static final int COLUMN_COUNT = 24;
    private static final String[] POSTGRES_TYPES = {"varchar", "varchar", "timestamptz", "timestamptz", "varchar", "varchar",
            "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "timestamptz",
            "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "bytea", "bytea"};
    private static final HexFormat HEX = HexFormat.of();

    private final Connected connected;
    private final Dialect dialect;
    private final Layout layout;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(4096);
    private final Thread writer;
    private volatile boolean closed;

    private record Pending(SignalRequest request, CompletableFuture<Void> done) {
    }

    private HandWrittenStore(Connected connected, Dialect dialect, Layout layout) throws SQLException {
        this.connected = connected;
        this.dialect = dialect;
        this.layout = layout;
        if (layout != Layout.SERVICE) {
            try (Statement statement = connected.connection().createStatement()) {
                statement.execute("CREATE TABLE packed_request (id VARCHAR(40) NOT NULL PRIMARY KEY, account_id VARCHAR(40) NOT NULL, "
                        + "created_at BIGINT NOT NULL, subject_key VARCHAR(300) NOT NULL, subject_digest VARBINARY(16) NOT NULL, "
                        + "subject_alias_digest VARBINARY(16), body VARBINARY(100000) NOT NULL)");
                statement.execute("CREATE INDEX ix_packed_request_page ON packed_request (account_id, created_at, id)");
                if (layout == Layout.PACKED) {
                    statement.execute("CREATE INDEX ix_packed_request_digest ON packed_request (subject_digest)");
                    statement.execute("CREATE INDEX ix_packed_request_alias_digest ON packed_request (subject_alias_digest)");
                }
            }
        }
        connected.connection().setAutoCommit(false);
        this.writer = new Thread(this::writeWhileOpen, "hand-written-store");
        writer.start();
    }

    public static HandWrittenStore open(Connected connected, Dialect dialect, Layout layout) throws SQLException {
        return new HandWrittenStore(connected, dialect, layout);
    }

    /** SQLite in WAL mode with {@code synchronous} NORMAL (durable when the process dies) or FULL (an fsync per commit). */
    static HandWrittenStore openSqlite(Path dir, String synchronous) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("signals.db").toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=" + synchronous);
            statement.execute("CREATE TABLE account (id VARCHAR(40) PRIMARY KEY, name VARCHAR(200), institution_id VARCHAR(128), "
                    + "api_key VARCHAR(64), secret_hash VARCHAR(128), created_at TIMESTAMP)");
            statement.execute("CREATE TABLE signal_request (id VARCHAR(40) NOT NULL PRIMARY KEY, account_id VARCHAR(40) NOT NULL "
                    + "REFERENCES account (id), created_at INTEGER NOT NULL, as_of INTEGER, status VARCHAR(16) NOT NULL, "
                    + "result_code VARCHAR(32), result_message VARCHAR(200), subject_key VARCHAR(300) NOT NULL, meta_phone VARCHAR(64), "
                    + "meta_country_code VARCHAR(2), meta_email_address VARCHAR(254), meta_template_id VARCHAR(64), "
                    + "consent_type VARCHAR(400), consent_version VARCHAR(128), consent_with VARCHAR(4000) NOT NULL, "
                    + "consent_at INTEGER NOT NULL, consent_template_id VARCHAR(64), template_id VARCHAR(64) NOT NULL, "
                    + "signals VARCHAR(8000) NOT NULL, amount_format VARCHAR(10) NOT NULL, amount_bands VARCHAR(1000) NOT NULL, "
                    + "result_values VARCHAR(8000), explanation BLOB, subject_digest BLOB NOT NULL, subject_alias_digest BLOB)");
            statement.execute("CREATE INDEX ix_signal_request_page ON signal_request (account_id, created_at, id)");
            statement.execute("CREATE INDEX ix_signal_request_subject_digest ON signal_request (subject_digest)");
            statement.execute("CREATE INDEX ix_signal_request_subject_alias_digest ON signal_request (subject_alias_digest)");
        }
        RequestSamples.createAccounts(connection);
        return new HandWrittenStore(new Connected(connection, () -> { }), Dialect.SQLITE, Layout.SERVICE);
    }

    @Override
    public void insert(SignalRequest request) throws Exception {
        Pending pending = new Pending(request, new CompletableFuture<>());
        queue.put(pending);
        try {
            pending.done().get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private void writeWhileOpen() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                Pending first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                try {
                    write(batch);
                    connected.connection().commit();
                    batch.forEach(pending -> pending.done().complete(null));
                } catch (SQLException e) {
                    connected.connection().rollback();
                    batch.forEach(pending -> pending.done().completeExceptionally(e));
                }
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                batch.forEach(pending -> pending.done().completeExceptionally(e));
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) throws SQLException {
        Connection connection = connected.connection();
        if (dialect == Dialect.POSTGRES_UNNEST) {
            writeUnnest(connection, batch);
            return;
        }
        if (layout != Layout.SERVICE) {
            writePacked(connection, batch);
            return;
        }
        try (PreparedStatement requests = connection.prepareStatement("INSERT INTO signal_request (" + COLUMNS + ") VALUES ("
                + "?, ".repeat(COLUMN_COUNT - 1) + "?)")) {
            for (Pending pending : batch) {
                Object[] row = row(pending.request());
                for (int c = 0; c < COLUMN_COUNT; c++) {
                    requests.setObject(c + 1, row[c]);
                }
                requests.addBatch();
            }
            requests.executeBatch();
        }
    }

    private static void writePacked(Connection connection, List<Pending> batch) throws SQLException {
        try (PreparedStatement requests = connection.prepareStatement("INSERT INTO packed_request "
                + "(id, account_id, created_at, subject_key, subject_digest, subject_alias_digest, body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Pending pending : batch) {
                SignalRequest request = pending.request();
                PhoneNumber phone = ((PhoneSubject) request.subject()).phone();
                requests.setString(1, request.id().value());
                requests.setString(2, request.accountId().value());
                requests.setLong(3, request.createdAt().toEpochMilli() * 1000);
                requests.setString(4, request.subject().lookupKey());
                requests.setBytes(5, HEX.parseHex(phone.md5WithPlus()));
                requests.setBytes(6, HEX.parseHex(phone.md5WithoutPlus()));
                requests.setBytes(7, packed(request));
                requests.addBatch();
            }
            requests.executeBatch();
        }
    }

    /** Everything else of the request in about 200 bytes: meta and consent as text, signals as bits, values as numbers. */
    private static byte[] packed(SignalRequest request) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
            java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
            out.writeUTF(request.status().name());
            out.writeUTF(String.valueOf(request.requestMeta().phone()));
            out.writeUTF(request.consent().consentedWith());
            out.writeLong(request.consent().consentedAt().toEpochMilli());
            out.writeUTF(request.template().id());
            long[] bits = new long[2];
            long nulls = 0;
            int n = 0;
            for (SignalValue value : request.values()) {
                int ordinal = dev.signals.domain.catalogue.SignalCatalogue.standard().all().indexOf(value.signal());
                bits[ordinal / 64] |= 1L << (ordinal % 64);
                nulls |= value.value() == null ? 1L << n : 0;
                n++;
            }
            out.writeLong(bits[0]);
            out.writeLong(bits[1]);
            out.writeLong(nulls);
            for (SignalValue value : request.values()) {
                if (value.value() != null) {
                    out.writeInt(value.value().intValue());
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One statement whatever the batch, its columns as arrays: the form the service's event insert uses. */
    private static void writeUnnest(Connection connection, List<Pending> batch) throws SQLException {
        Object[][] columns = new Object[COLUMN_COUNT][batch.size()];
        for (int r = 0; r < batch.size(); r++) {
            Object[] row = row(batch.get(r).request());
            for (int c = 0; c < COLUMN_COUNT; c++) {
                columns[c][r] = row[c];
            }
        }
        StringJoiner arrays = new StringJoiner(", ");
        for (String type : POSTGRES_TYPES) {
            arrays.add("?::" + type + "[]");
        }
        try (PreparedStatement requests = connection.prepareStatement(
                "INSERT INTO signal_request (" + COLUMNS + ") SELECT * FROM unnest(" + arrays + ")")) {
            for (int c = 0; c < COLUMN_COUNT; c++) {
                Object[] column = POSTGRES_TYPES[c].equals("bytea")
                        ? java.util.Arrays.copyOf(columns[c], columns[c].length, byte[][].class) : columns[c];
                requests.setArray(c + 1, connection.createArrayOf(POSTGRES_TYPES[c], column));
            }
            requests.execute();
        }
    }

    /** The columns of {@link #COLUMNS} for one request, as the service fills them. */
    private static Object[] row(SignalRequest request) {
        PhoneNumber phone = ((PhoneSubject) request.subject()).phone();
        StringJoiner signals = new StringJoiner(",");
        for (Signal signal : request.template().signals().signals()) {
            signals.add(signal.name());
        }
        StringJoiner values = new StringJoiner(",");
        for (SignalValue value : request.values()) {
            values.add(value.value() == null ? "" : Long.toString(value.value()));
        }
        return new Object[] {
                request.id().value(), request.accountId().value(), Timestamp.from(request.createdAt()), null,
                request.status().name(), request.resultCode() == null ? null : request.resultCode().name(), request.resultMessage(),
                request.subject().lookupKey(), request.requestMeta().phone(), request.requestMeta().countryCode(),
                request.requestMeta().emailAddress(), request.requestMeta().templateId(), request.consent().type(),
                request.consent().version(), request.consent().consentedWith(), Timestamp.from(request.consent().consentedAt()),
                null, request.template().id(), signals.toString(), request.template().amountFormat().name(), "",
                values.toString(), HEX.parseHex(phone.md5WithPlus()), HEX.parseHex(phone.md5WithoutPlus())};
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join();
            connected.connection().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            System.err.println("closing the connection failed: " + e.getMessage());
        }
        connected.cleanUp().run();
    }
}

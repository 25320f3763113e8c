package dev.signals.adapter.persistence;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases for tests: a private in-memory H2 database, or a private schema in the test PostgreSQL.
 *
 * <p>PostgreSQL is found at {@code SIGNALS_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). Where none answers, PostgreSQL tests are
 * skipped with a loud message, unless {@code CI} is set: then they fail, because CI must run them.
 */
public final class TestDatabases {

    public static final String PG_URL_VARIABLE = "SIGNALS_TEST_PG_URL";
    private static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static volatile String postgresProblem;
    private static volatile boolean postgresChecked;

    private TestDatabases() {
    }

    /** A fresh, empty database of the given kind; closing it drops what the test created. */
    public static TestDatabase create(DatabaseKind kind) {
        return switch (kind) {
            case H2 -> h2();
            case POSTGRES -> postgres();
        };
    }

    public static TestDatabase h2() {
        String name = "signals_test_" + UUID.randomUUID().toString().replace("-", "");
        return new TestDatabase(DatabaseSettings.of("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", ""),
                () -> dropH2(name));
    }

    public static TestDatabase postgres() {
        String url = postgresUrl();
        requirePostgres(url);
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toLowerCase(Locale.ROOT);
        return new TestDatabase(DatabaseSettings.of(url, null, null).withSchema(schema),
                () -> execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    /**
     * A PostgreSQL database of its own, created on the test server and dropped on close: for services in other
     * processes, which take a URL (and not a schema) to share one database.
     */
    public static TestDatabase postgresDatabase() {
        String url = postgresUrl();
        requirePostgres(url);
        String name = "signals_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toLowerCase(Locale.ROOT);
        execute(url, "CREATE DATABASE " + name);
        String own = url.replaceFirst("(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + name);
        return new TestDatabase(DatabaseSettings.of(own, null, null),
                () -> execute(url, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    public static String postgresUrl() {
        String configured = System.getenv(PG_URL_VARIABLE);
        return configured == null || configured.isBlank() ? DEFAULT_PG_URL : configured;
    }

    @SuppressWarnings("try") // the connection is opened only to see that PostgreSQL answers
    private static synchronized void requirePostgres(String url) {
        if (!postgresChecked) {
            try (Connection ignored = DriverManager.getConnection(url)) {
                postgresProblem = null;
            } catch (SQLException e) {
                postgresProblem = e.getMessage();
            }
            postgresChecked = true;
            if (postgresProblem != null && !runningInCi()) {
                System.err.printf("%n*** PostgreSQL tests SKIPPED: no PostgreSQL answers at %s (%s).%n"
                        + "*** Set %s to a reachable database to run them; CI always runs them.%n%n",
                        url.replaceAll("\\?.*", ""), postgresProblem, PG_URL_VARIABLE);
            }
        }
        if (postgresProblem != null) {
            if (runningInCi()) {
                throw new IllegalStateException("CI is set but no PostgreSQL answers at " + url + ": " + postgresProblem);
            }
            Assumptions.abort("PostgreSQL tests SKIPPED: no PostgreSQL at " + url.replaceAll("\\?.*", ""));
        }
    }

    private static boolean runningInCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    private static void dropH2(String name) {
        execute("jdbc:h2:mem:" + name + ";USER=sa;PASSWORD=", "SHUTDOWN");
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not clean up test database: " + e.getMessage(), e);
        }
    }

    /** A test database: its settings, and what closing it cleans up. */
    public static final class TestDatabase implements AutoCloseable {

        private final DatabaseSettings settings;
        private final Runnable cleanUp;

        TestDatabase(DatabaseSettings settings, Runnable cleanUp) {
            this.settings = settings;
            this.cleanUp = cleanUp;
        }

        public DatabaseSettings settings() {
            return settings;
        }

        public DatabaseKind kind() {
            return settings.kind();
        }

        @Override
        public void close() {
            cleanUp.run();
        }
    }
}

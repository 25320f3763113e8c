package dev.signals.adapter.persistence;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * How to reach the database.
 *
 * @param url               a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param user              may be null (H2 file databases and trust-auth PostgreSQL need none)
 * @param password          may be null
 * @param schema            a schema to create and use instead of the default one, or null;
 *                          lets several test runs share one PostgreSQL database
 * @param maxPoolSize       the most connections kept open
 * @param connectTimeout    how long a caller waits for a connection before the database counts as unreachable
 * @param statementTimeout  how long one statement may run
 */
public record DatabaseSettings(
        String url,
        String user,
        String password,
        String schema,
        int maxPoolSize,
        Duration connectTimeout,
        Duration statementTimeout) {

    public static final int DEFAULT_MAX_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(10);

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        DatabaseKind.of(url);
        if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier, was '" + schema + "'");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }

    public static DatabaseSettings of(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, null, DEFAULT_MAX_POOL_SIZE,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
    }

    public DatabaseSettings withSchema(String schema) {
        return new DatabaseSettings(url, user, password, schema, maxPoolSize, connectTimeout, statementTimeout);
    }

    public DatabaseKind kind() {
        return DatabaseKind.of(url);
    }

    public Optional<String> optionalSchema() {
        return Optional.ofNullable(schema);
    }

    /** {@code user} and {@code password} as the properties of a JDBC connection, each left out when null. */
    public Properties credentials() {
        Properties credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        return credentials;
    }

    /** {@code statementTimeout} in the whole seconds JDBC's query timeout takes, at least one. */
    public int statementTimeoutSeconds() {
        return (int) Math.max(1, statementTimeout.toSeconds());
    }

    /** The URL without credentials that may sit in its query string, fit for a log line. */
    public String redactedUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }
}

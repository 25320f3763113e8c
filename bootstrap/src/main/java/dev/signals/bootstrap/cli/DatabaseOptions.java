package dev.signals.bootstrap.cli;

import dev.signals.adapter.persistence.DatabaseInUseException;
import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsTools;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;

/** Where the data lives: the options every command shares, each defaulting to its environment variable. */
public final class DatabaseOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SIGNALS_DATA_DIR:-./data}",
            description = "Directory of the embedded database, the generated admin token and the index checkpoints (env SIGNALS_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:SIGNALS_DB_URL}",
            description = "jdbc:postgresql://... for PostgreSQL (env SIGNALS_DB_URL; default: an H2 file database in the data directory).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:SIGNALS_DB_USER}",
            description = "Database user (env SIGNALS_DB_USER).")
    String dbUser;

    @Option(names = "--db-pool-size", paramLabel = "N", defaultValue = "${env:SIGNALS_DB_POOL_SIZE:-10}",
            description = "Database connections at most (env SIGNALS_DB_POOL_SIZE, default ${DEFAULT-VALUE}).")
    int dbPoolSize;

    @Option(names = "--db-connect-timeout-ms", paramLabel = "MS", defaultValue = "${env:SIGNALS_DB_CONNECT_TIMEOUT_MS:-2000}",
            description = "How long a request waits for a database connection before answering 503 (env SIGNALS_DB_CONNECT_TIMEOUT_MS, default ${DEFAULT-VALUE}).")
    long dbConnectTimeoutMs;

    @Option(names = "--db-statement-timeout-ms", paramLabel = "MS", defaultValue = "${env:SIGNALS_DB_STATEMENT_TIMEOUT_MS:-10000}",
            description = "How long one SQL statement may run (env SIGNALS_DB_STATEMENT_TIMEOUT_MS, default ${DEFAULT-VALUE}).")
    long dbStatementTimeoutMs;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The service's use cases on this database, for a command. A wrong setting is a usage error; a
     * database that cannot be opened is a {@link CliException} saying why and what to do. Either way
     * nothing has been written.
     */
    SignalsTools open() {
        SignalsConfig config;
        try {
            config = config(0);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "invalid configuration: " + e.getMessage(), e);
        }
        try {
            return SignalsTools.open(config);
        } catch (RuntimeException e) {
            throw explain(e, config);
        }
    }

    /** The failure to open the database of {@code config}, told so that the user knows what to do. */
    CliException explain(RuntimeException e, SignalsConfig config) {
        boolean embedded = dbUrl == null || dbUrl.isBlank();
        String where = embedded ? "the database in " + config.dataDir() : "the database " + config.database().redactedUrl();
        if (DatabaseInUseException.isCauseOf(e)) {
            return new CliException(where + " is in use by another process (a Signals service, import or generate).",
                    "Stop that process first: an H2 file database is open to one process at a time. "
                            + "To import while the service runs, run both on PostgreSQL (--db-url, SIGNALS_DB_URL).", e);
        }
        return new CliException("cannot open " + where + ": " + CliErrors.rootMessage(e),
                embedded ? null : "Check --db-url (SIGNALS_DB_URL), --db-user (SIGNALS_DB_USER) and SIGNALS_DB_PASSWORD.", e);
    }

    /** The configuration these options and the environment's secrets describe. */
    public SignalsConfig config(int port) {
        SignalsConfig config = SignalsConfig.of(port, dataDir, dbUrl, dbUser, System.getenv("SIGNALS_DB_PASSWORD"),
                System.getenv("SIGNALS_ADMIN_TOKEN"));
        DatabaseSettings db = config.database();
        return config.withDatabase(new DatabaseSettings(db.url(), db.user(), db.password(), db.schema(), dbPoolSize,
                Duration.ofMillis(dbConnectTimeoutMs), Duration.ofMillis(dbStatementTimeoutMs)));
    }
}

package dev.signals.bootstrap.cli;

import dev.signals.bootstrap.SignalsConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the data lives: the options every command shares, each defaulting to its environment variable. */
public final class DatabaseOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SIGNALS_DATA_DIR:-./data}",
            description = "Directory of the embedded database and the generated admin token (env SIGNALS_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:SIGNALS_DB_URL}",
            description = "jdbc:postgresql://... for PostgreSQL (env SIGNALS_DB_URL; default: an H2 file database in the data directory).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:SIGNALS_DB_USER}",
            description = "Database user (env SIGNALS_DB_USER).")
    String dbUser;

    /** The configuration these options and the environment's secrets describe. */
    public SignalsConfig config(int port) {
        return SignalsConfig.of(port, dataDir, dbUrl, dbUser, System.getenv("SIGNALS_DB_PASSWORD"),
                System.getenv("SIGNALS_ADMIN_TOKEN"));
    }
}

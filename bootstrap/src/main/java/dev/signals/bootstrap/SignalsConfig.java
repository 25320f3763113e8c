package dev.signals.bootstrap;

import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.adapter.rest.RestSettings;
import dev.signals.application.service.IndexAging;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The service's configuration (contract section 7), resolved once at start from flags and environment.
 *
 * @param port     HTTP port; 0 picks a free one
 * @param dataDir  where the embedded database and the generated admin token live
 * @param database how to reach the database: an explicit URL, or the embedded H2 file database under dataDir
 * @param adminToken the admin bearer token from {@code SIGNALS_ADMIN_TOKEN}, or null: then one is generated
 *                   on first start, printed once, and only its hash kept in the data directory
 * @param rest       the HTTP side's limits: request rate per account, failed authentication, threads
 * @param checkpointInterval how often the node writes a checkpoint of its event index into {@link #checkpointDirectory()}
 *                   (and once more when it stops); zero for never, and then none is read at start either
 * @param indexHorizon how far back from now the index holds every event (issue 18): at least the longest window, 180
 *                   days, plus the look-back of the {@code asOf} requests answered from memory; zero to hold every event
 * @param agingInterval how often the node lets the events before its horizon leave memory
 */
public record SignalsConfig(int port, Path dataDir, DatabaseSettings database, String adminToken, RestSettings rest,
                            Duration checkpointInterval, Duration indexHorizon, Duration agingInterval) {

    public static final int DEFAULT_PORT = 7070;
    /** A start replays at most this much of the journal's history after a clean stop, none. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(10);
    /** The longest window (180 days) plus 30 days of {@code asOf} look-back answered from memory. */
    public static final Duration DEFAULT_INDEX_HORIZON = Duration.ofDays(210);
    /** The horizon moves by the hour: a day's events are under one percent of 210 days' and leave in a batch. */
    public static final Duration DEFAULT_AGING_INTERVAL = Duration.ofHours(1);

    public SignalsConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("SIGNALS_PORT must be between 0 and 65535, was " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("SIGNALS_INDEX_CHECKPOINT_MS must be 0 (never) or more, was "
                    + checkpointInterval.toMillis());
        }
        Objects.requireNonNull(indexHorizon, "indexHorizon");
        Objects.requireNonNull(agingInterval, "agingInterval");
        if (!indexHorizon.isZero() && indexHorizon.compareTo(IndexAging.SHORTEST) < 0) {
            throw new IllegalArgumentException("SIGNALS_INDEX_HORIZON_DAYS must be 0 (hold every event) or at least "
                    + IndexAging.SHORTEST.toDays() + " (the longest window), was " + indexHorizon.toDays());
        }
        if (agingInterval.isNegative() || agingInterval.isZero()) {
            throw new IllegalArgumentException("SIGNALS_INDEX_AGING_MS must be more than 0, was " + agingInterval.toMillis());
        }
        if (adminToken != null && adminToken.length() < 16) {
            throw new IllegalArgumentException("SIGNALS_ADMIN_TOKEN must have at least 16 characters");
        }
    }

    public SignalsConfig(int port, Path dataDir, DatabaseSettings database, String adminToken, RestSettings rest) {
        this(port, dataDir, database, adminToken, rest, DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_INDEX_HORIZON, DEFAULT_AGING_INTERVAL);
    }

    public SignalsConfig(int port, Path dataDir, DatabaseSettings database) {
        this(port, dataDir, database, null, RestSettings.DEFAULTS);
    }

    public SignalsConfig(int port, Path dataDir, DatabaseSettings database, String adminToken) {
        this(port, dataDir, database, adminToken, RestSettings.DEFAULTS);
    }

    /**
     * @param dbUrl null or blank for the embedded default: an H2 file database {@code signals} in dataDir
     */
    public static SignalsConfig of(int port, Path dataDir, String dbUrl, String dbUser, String dbPassword) {
        return of(port, dataDir, dbUrl, dbUser, dbPassword, null);
    }

    public static SignalsConfig of(int port, Path dataDir, String dbUrl, String dbUser, String dbPassword, String adminToken) {
        Path dir = dataDir.toAbsolutePath().normalize();
        String url = dbUrl == null || dbUrl.isBlank() ? embeddedUrl(dir) : dbUrl.trim();
        return new SignalsConfig(port, dir, DatabaseSettings.of(url, blankToNull(dbUser), blankToNull(dbPassword)),
                blankToNull(adminToken), RestSettings.DEFAULTS);
    }

    public SignalsConfig withAdminToken(String token) {
        return new SignalsConfig(port, dataDir, database, token, rest, checkpointInterval, indexHorizon, agingInterval);
    }

    public SignalsConfig withRest(RestSettings settings) {
        return new SignalsConfig(port, dataDir, database, adminToken, settings, checkpointInterval, indexHorizon, agingInterval);
    }

    public SignalsConfig withDatabase(DatabaseSettings settings) {
        return new SignalsConfig(port, dataDir, settings, adminToken, rest, checkpointInterval, indexHorizon, agingInterval);
    }

    public SignalsConfig withCheckpointInterval(Duration interval) {
        return new SignalsConfig(port, dataDir, database, adminToken, rest, interval, indexHorizon, agingInterval);
    }

    /** The same with this index horizon (zero: every event in memory), moved every {@code agingInterval}. */
    public SignalsConfig withIndexHorizon(Duration horizon, Duration interval) {
        return new SignalsConfig(port, dataDir, database, adminToken, rest, checkpointInterval, horizon, interval);
    }

    /** Where this node keeps the checkpoints of its event index: its own, whatever database it serves. */
    public Path checkpointDirectory() {
        return dataDir.resolve("index");
    }

    /** The embedded default; the persistence adapter makes every H2 database write commits at once. */
    static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("signals") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

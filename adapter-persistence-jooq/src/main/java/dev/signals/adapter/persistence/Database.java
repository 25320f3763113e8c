package dev.signals.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The database as the rest of this adapter sees it: a connection pool, the schema brought up to date
 * by Flyway, and a jOOQ context. Constructing it opens nothing; {@link #start()} connects and migrates,
 * {@link #close()} closes the pool. The lifecycle in bootstrap calls both, in that order. Given a metrics
 * registry, the pool reports its connections to it ({@code hikaricp_connections_*}, tag {@code pool}).
 *
 * <p>An H2 file database is kept near the size of its live data while it is open, and left within twice it when
 * closed, whoever opened it (the service or a command of the CLI): see {@link H2FileCompaction}. On PostgreSQL the
 * journal's monthly partitions are created ahead from {@link #start()} on: see {@link EventPartitions}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseSettings settings;
    private final MeterRegistry metrics;
    private volatile HikariDataSource dataSource;
    private volatile DSLContext dsl;
    /** Whether the database answered the last statement; every {@link Statements} of this database shares it. */
    private final Reachability reachability = new Reachability();
    /** H2 only: the numbers of the journal's transactions, given from {@link #start()} on; null on PostgreSQL. */
    private volatile H2Transactions h2Transactions;
    /** H2 file databases only: what keeps the file near its live data, from {@link #start()} on; null otherwise. */
    private volatile H2FileCompaction h2FileCompaction;
    /** Connections of this adapter's own outside the pool, closed before it. */
    private final List<AutoCloseable> alsoOpen = new CopyOnWriteArrayList<>();

    public Database(DatabaseSettings settings) {
        this(settings, null);
    }

    /** @param metrics where the pool reports its connections; null for none */
    public Database(DatabaseSettings settings, MeterRegistry metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = metrics;
    }

    /** Opens the pool (failing fast when the database cannot be reached) and applies pending migrations. */
    public synchronized void start() {
        if (dataSource != null) {
            return;
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig());
        } catch (RuntimeException e) {
            if (settings.kind() == DatabaseKind.H2 && DatabaseInUseException.isInUse(e)) {
                throw new DatabaseInUseException(settings.redactedUrl(), e);
            }
            throw e;
        }
        try {
            Flyway flyway = flyway(pool);
            MigrateResult result = flyway.migrate();
            var current = flyway.info().current();
            LOG.info("Database {} ({}) at schema version {}, {} migration(s) applied",
                    settings.redactedUrl(), settings.kind(), current == null ? "none" : current.getVersion(),
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        dataSource = pool;
        dsl = DSL.using(pool, settings.kind().dialect(), jooqSettings());
        if (settings.kind() == DatabaseKind.H2) {
            // H2 writes a commit to its file up to 500 ms late by default; a process killed in that window would
            // lose data it had acknowledged. The setting is kept in the database, whatever URL opened it.
            dsl.execute("SET WRITE_DELAY 0");
            h2Transactions = H2Transactions.following(dsl);
            h2FileCompaction = H2FileCompaction.startOnFile(pool);
        } else {
            closeAlso(EventPartitions.start(dsl));
        }
        dsl.configuration().set(new ConnectionLossListener(this::evictIdleConnections));
    }

    /** The jOOQ context; only valid between {@link #start()} and {@link #close()}. */
    public DSLContext dsl() {
        DSLContext context = dsl;
        if (context == null) {
            throw new IllegalStateException("the database has not been started");
        }
        return context;
    }

    Reachability reachability() {
        return reachability;
    }

    /**
     * H2 only: the numbers of the journal's transactions in this process, which the journal, its retractions and the
     * feed share; only valid from {@link #start()} on.
     */
    H2Transactions h2Transactions() {
        H2Transactions transactions = h2Transactions;
        if (transactions == null) {
            throw new IllegalStateException(settings.kind() == DatabaseKind.H2 ? "the database has not been started"
                    : "PostgreSQL numbers the journal's transactions itself");
        }
        return transactions;
    }

    /** Closes the idle connections now and the busy ones when they are returned. */
    void evictIdleConnections() {
        HikariDataSource pool = dataSource;
        if (pool != null && pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    public DatabaseKind kind() {
        return settings.kind();
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Closes {@code resource} (a connection outside the pool) when the database is closed, before the pool. */
    void closeAlso(AutoCloseable resource) {
        alsoOpen.add(resource);
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable resource : alsoOpen) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", resource, e);
            }
        }
        if (h2FileCompaction != null) {
            h2FileCompaction.close();
            h2FileCompaction = null;
            H2FileCompaction.closeCompacting(settings);
        }
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
            dsl = null;
            h2Transactions = null;
            LOG.info("Database connections closed");
        }
    }

    private HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("signals-db");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        settings.optionalSchema().ifPresent(config::setSchema);
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 1_000L));
        // Fail at start, with the driver's reason, when the database cannot be reached at all.
        config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
        if (metrics != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        return config;
    }

    private Flyway flyway(HikariDataSource pool) {
        // db/migration holds the schema of both databases; db/postgresql what only PostgreSQL has (V6, V9, V19: event
        // partitioned by month), db/h2 what only H2 has (V16, V18).
        String[] locations = settings.kind() == DatabaseKind.POSTGRES
                ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                : new String[] {"classpath:db/migration", "classpath:db/h2"};
        var configuration = Flyway.configure()
                .dataSource(pool)
                .locations(locations)
                .javaMigrations(new FillSubjectDigests())
                // V17 keeps it as the journal's identity when this start creates the journal; later starts' go unused
                .placeholders(Map.of("journal_id", UUID.randomUUID().toString()))
                .failOnMissingLocations(true);
        settings.optionalSchema().ifPresent(schema -> configuration.schemas(schema).defaultSchema(schema));
        return configuration.load();
    }

    private Settings jooqSettings() {
        // The generated names are lower case and unquoted, so each database folds them its own way:
        // the same code runs on H2 (upper case) and PostgreSQL (lower case).
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withRenderSchema(false)
                .withQueryTimeout(settings.statementTimeoutSeconds());
    }
}

package dev.signals.benchmarks.store;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.signals.adapter.persistence.Database;
import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.adapter.persistence.PersistenceModule;
import dev.signals.application.port.out.SaveSignalRequestPort;
import dev.signals.benchmarks.ServiceAccounts;
import dev.signals.benchmarks.TemporaryFiles;
import dev.signals.domain.request.Idempotency;
import dev.signals.domain.request.IdempotencyKey;
import dev.signals.domain.request.SignalRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue 17: what storing one finished signal request costs, without HTTP, on each store that could hold it, side by
 * side in one run. {@code --threads} callers each store one request at a time, as the service's request threads do,
 * and return once it is durable. Two kinds of store:
 * <ul>
 *   <li>{@code service}: the service's own {@link SaveSignalRequestPort} (jOOQ, {@code GroupCommit}) on a fresh
 *       database migrated by Flyway, the way the service stores a request;</li>
 *   <li>{@code by hand}: the same rows written with plain JDBC by one writer thread that takes whatever callers
 *       queued and commits it in one transaction ({@link HandWrittenStore}), the least a durable write costs on that
 *       database. SQLite (WAL) is measured only this way, since the service does not run on it.</li>
 * </ul>
 * For each: durable requests per second, and the process's CPU time per request (both cores count; the callers'
 * own work, building nothing, is a small part).
 */
@Command(name = "request-store-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Durable signal-request writes per second on each store, service and by hand, side by side.")
public final class RequestStoreBenchmark implements Callable<Integer> {

    @Option(names = "--postgres-url", description = "A jdbc:postgresql: URL; fresh schemas are made there and dropped. None: PostgreSQL is left out.")
    String postgresUrl;

    @Option(names = "--threads", defaultValue = "32", description = "Concurrent callers (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per store (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds per store (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--only", split = ",", description = "Measure only the stores whose label contains one of these.")
    List<String> only;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RequestStoreBenchmark()).execute(args));
    }

    /** A store under test: opened fresh, written to by many threads, closed. */
    public interface Store extends AutoCloseable {

        /** Returns once {@code request} is durable. */
        void insert(SignalRequest request) throws Exception;

        @Override
        void close();
    }

    /** How to open a store in a fresh place. */
    private record Candidate(String label, StoreFactory open) {
    }

    @FunctionalInterface
    private interface StoreFactory {
        Store open(Path dir) throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        Path root = Files.createTempDirectory("request-store-benchmark");
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate("H2, service", dir -> service(h2Url(dir, ""))));
        candidates.add(new Candidate("H2, service, Idempotency-Key", dir -> keyed(service(h2Url(dir, "")))));
        for (String pageSize : List.of("", ";PAGE_SIZE=1024")) {
            String h2 = "H2" + pageSize.replace(';', ' ');
            if (!pageSize.isEmpty()) {
                candidates.add(new Candidate(h2 + ", service", dir -> service(h2Url(dir, pageSize))));
            }
            for (HandWrittenStore.Layout layout : HandWrittenStore.Layout.values()) {
                candidates.add(new Candidate(h2 + ", by hand, " + layout.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        dir -> HandWrittenStore.open(migrated(h2Url(dir, pageSize)), HandWrittenStore.Dialect.H2, layout)));
            }
        }
        candidates.add(new Candidate("SQLite WAL synchronous=NORMAL, by hand", dir -> HandWrittenStore.openSqlite(dir, "NORMAL")));
        candidates.add(new Candidate("SQLite WAL synchronous=FULL, by hand", dir -> HandWrittenStore.openSqlite(dir, "FULL")));
        if (postgresUrl != null) {
            candidates.add(new Candidate("PostgreSQL, service", dir -> service(postgres(dir))));
            candidates.add(new Candidate("PostgreSQL, service, Idempotency-Key", dir -> keyed(service(postgres(dir)))));
            candidates.add(new Candidate("PostgreSQL multi-row, by hand", dir -> HandWrittenStore.open(migrated(postgres(dir)), HandWrittenStore.Dialect.POSTGRES, HandWrittenStore.Layout.SERVICE)));
            candidates.add(new Candidate("PostgreSQL unnest, by hand", dir -> HandWrittenStore.open(migrated(postgres(dir)), HandWrittenStore.Dialect.POSTGRES_UNNEST, HandWrittenStore.Layout.SERVICE)));
        }
        RequestSamples samples = new RequestSamples(100_000);
        System.out.printf(Locale.ROOT, "%d callers; a request: %d signals, %d subject keys; %.0f s warm-up, %.0f s measured per store%n",
                threads, samples.next().template().signals().size(), samples.next().subject().keys().size(), warmup, seconds);
        List<String> results = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (only != null && only.stream().noneMatch(candidate.label()::contains)) {
                continue;
            }
            Path dir = Files.createDirectories(root.resolve("store-" + results.size()));
            try (Store store = candidate.open().open(dir)) {
                run(store, samples, warmup);
                long cpuBefore = processCpuNanos();
                long started = System.nanoTime();
                long stored = run(store, samples, seconds);
                double elapsed = (System.nanoTime() - started) / 1e9;
                double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3 / stored;
                String line = String.format(Locale.ROOT, "RESULT store %-42s %,9.0f requests/s  %,7.1f µs CPU/request",
                        candidate.label(), stored / elapsed, cpuMicros);
                System.out.println(line);
                results.add(line);
            } finally {
                TemporaryFiles.deleteRecursively(dir);
            }
        }
        TemporaryFiles.deleteRecursively(root);
        return 0;
    }

    /** Stores requests from {@code threads} callers for {@code seconds}; how many were stored. */
    private long run(Store store, RequestSamples samples, double seconds) throws InterruptedException {
        LongAdder stored = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> callers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        store.insert(samples.next());
                        stored.increment();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread caller : callers) {
            caller.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a store failed", failures.get(0));
        }
        return stored.sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String h2Url(Path dir, String settings) {
        return "jdbc:h2:file:" + dir.resolve("signals").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE" + settings;
    }

    private DatabaseSettings postgres(Path dir) {
        String schema = "bench_store_" + dir.getFileName().toString().replace('-', '_') + "_" + Long.toHexString(System.nanoTime());
        return DatabaseSettings.of(postgresUrl, null, null).withSchema(schema);
    }

    /**
     * {@code store} given requests that each carry a new random {@code Idempotency-Key} (issue 19), as every request
     * through the HAProxy of several nodes does: the digest of what was asked is made by the caller, as the service's
     * request thread makes it, and the key is a random UUID, whose index entry goes to a random place.
     */
    private static Store keyed(Store store) {
        return new Store() {
            @Override
            public void insert(SignalRequest request) throws Exception {
                store.insert(request.withIdempotency(Idempotency.of(new IdempotencyKey("haproxy-" + UUID.randomUUID()),
                        request.requestMeta(), request.requestedAsOf().orElse(null), false)));
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    /** The service's own store on a fresh database, with the accounts of {@link RequestSamples}. */
    private static Store service(String url) throws Exception {
        return service(DatabaseSettings.of(url, "sa", ""));
    }

    private static Store service(DatabaseSettings settings) throws Exception {
        Injector injector = Guice.createInjector(new PersistenceModule(settings));
        Database database = injector.getInstance(Database.class);
        database.start();
        database.dsl().connection(RequestSamples::createAccounts);
        SaveSignalRequestPort port = injector.getInstance(SaveSignalRequestPort.class);
        return new Store() {
            @Override
            public void insert(SignalRequest request) {
                port.insert(request);
            }

            @Override
            public void close() {
                database.close();
                settings.optionalSchema().ifPresent(schema -> ServiceAccounts.dropSchema(settings.url(), schema));
            }
        };
    }

    /** A fresh database migrated by the service's Flyway migrations, with the accounts, as a plain JDBC connection. */
    private static HandWrittenStore.Connected migrated(String url) throws Exception {
        return migrated(DatabaseSettings.of(url, "sa", ""));
    }

    private static HandWrittenStore.Connected migrated(DatabaseSettings settings) throws Exception {
        try (Database database = new Database(settings)) {
            database.start();
        }
        Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        if (settings.url().startsWith("jdbc:h2:")) {
            // As the service does (Database): every commit written to the file before it returns, not up to 500 ms late.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
        }
        settings.optionalSchema().ifPresent(schema -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + schema);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        RequestSamples.createAccounts(connection);
        return new HandWrittenStore.Connected(connection,
                () -> settings.optionalSchema().ifPresent(schema -> ServiceAccounts.dropSchema(settings.url(), schema)));
    }
}

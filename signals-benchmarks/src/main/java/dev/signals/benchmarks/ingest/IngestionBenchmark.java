package dev.signals.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.adapter.rest.RestSettings;
import dev.signals.application.port.in.EventReport;
import dev.signals.benchmarks.ServiceAccounts;
import dev.signals.benchmarks.TemporaryFiles;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.bootstrap.tools.SyntheticEvents;
import jdk.jfr.Recording;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark 4 of the performance issue: NDJSON {@code POST /v1/events} of the real service, started in this
 * process on PostgreSQL, against PostgreSQL's own {@code COPY ... FROM STDIN} of the same rows into the same
 * table with the same indexes (a second schema migrated by the same Flyway migrations; {@link CopyBaseline}).
 *
 * <p>Each round starts the service on a fresh, empty schema, creates one account per stream (lenders are
 * separate institutions), and has every stream POST its share of the events as NDJSON bodies of
 * {@code --request-events} lines, the streams running concurrently, the way several lenders upload their
 * files at once; the figure is all events over the wall time from the first byte sent to the last answer.
 * Then the rows the service stored are copied, as one text-format {@code COPY} on one connection, into
 * another fresh schema; the figure is rows over the time of the {@code COPY} statement. Rounds alternate
 * the two, and the best of each is compared (the machine's noise only ever slows a run down).
 */
@Command(name = "ingestion-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "NDJSON POST /v1/events into PostgreSQL vs PostgreSQL's COPY of the same rows, side by side.")
public final class IngestionBenchmark implements Callable<Integer> {

    @Option(names = "--url", description = "A jdbc:postgresql: URL (default: $SIGNALS_TEST_PG_URL, else jdbc:postgresql://127.0.0.1:5432/test?user=postgres).")
    String url;

    @Option(names = "--events", defaultValue = "1000000", description = "Events per round (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--streams", defaultValue = "4", description = "Concurrent NDJSON streams, one institution each (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--request-events", defaultValue = "100000", description = "Lines per NDJSON request body (default ${DEFAULT-VALUE}).")
    int requestEvents;

    @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds of service and COPY (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--subjects", defaultValue = "100000", description = "Distinct phone numbers (default ${DEFAULT-VALUE}).")
    int subjects;

    @Option(names = "--jfr", description = "Record the service's ingestion of the last round (the JIT warmed up) with JFR into this file.")
    Path jfr;

    @Option(names = "--keep", description = "Keep the schemas of the last round (default: drop them).")
    boolean keep;

    @Option(names = "--h2", description = "Measure the embedded H2 instead: the service's ingestion into a fresh data "
            + "directory vs H2's own bulk load of the same rows (INSERT ... SELECT FROM CSVREAD) into another.")
    boolean h2;

    private static final String ADMIN_TOKEN = "benchmark-admin-token-0123456789";
    private final ObjectMapper mapper = new ObjectMapper();

    public static void main(String[] args) {
        // The service's informational lines would interleave with the benchmark's own.
        if (System.getenv("SIGNALS_LOG_LEVEL") == null
                && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        System.exit(new CommandLine(new IngestionBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String pgUrl = url != null ? url : System.getenv().getOrDefault("SIGNALS_TEST_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        if (!pgUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--url must be a jdbc:postgresql: URL");
        }
        System.out.printf("Preparing %,d synthetic events as NDJSON for %d concurrent stream(s) of requests of %,d lines ...%n",
                events, streams, requestEvents);
        List<List<byte[]>> bodies = bodies();
        if (h2) {
            return embedded(bodies);
        }

        double bestService = 0;
        double bestCopy = 0;
        byte[] copyRows = null;
        String tag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        for (int round = 1; round <= rounds; round++) {
            String serviceSchema = "ingest_" + tag + "_" + round + "_service";
            String copySchema = "ingest_" + tag + "_" + round + "_copy";
            boolean last = round == rounds;
            try {
                double service = ingestThroughService(pgUrl, serviceSchema, bodies, round == rounds ? jfr : null);
                System.out.printf("round %d: service  %,10.0f events/s (NDJSON POST /v1/events, %d streams)%n", round, service, streams);
                if (copyRows == null) {
                    copyRows = CopyBaseline.dump(pgUrl, serviceSchema);
                }
                double copy = CopyBaseline.copy(pgUrl, copySchema, copyRows, events);
                System.out.printf("round %d: COPY     %,10.0f rows/s   (COPY event FROM STDIN, text, one connection)%n", round, copy);
                bestService = Math.max(bestService, service);
                bestCopy = Math.max(bestCopy, copy);
            } finally {
                if (!(keep && last)) {
                    ServiceAccounts.dropSchema(pgUrl, serviceSchema);
                    ServiceAccounts.dropSchema(pgUrl, copySchema);
                }
            }
        }
        double ratio = bestService / bestCopy;
        System.out.println();
        System.out.printf("RESULT ingestion: service %,.0f events/s, COPY %,.0f rows/s, ratio %.2f (target >= 0.30) %s%n",
                bestService, bestCopy, ratio, ratio >= 0.30 ? "MET" : "MISSED");
        return 0;
    }

    /**
     * {@code --h2}: rounds of the service's ingestion into a fresh embedded H2 and of H2's bulk load of the rows it
     * stored into another, in a temporary directory deleted at the end.
     */
    private int embedded(List<List<byte[]>> bodies) throws Exception {
        Path root = Files.createTempDirectory("ingestion-benchmark-h2");
        double bestService = 0;
        double bestLoad = 0;
        try {
            Path csv = null;
            for (int round = 1; round <= rounds; round++) {
                Path serviceDir = root.resolve("service-" + round);
                SignalsConfig config = SignalsConfig.of(0, serviceDir, null, null, null, ADMIN_TOKEN);
                double service = ingestThroughService(config, bodies, round == rounds ? jfr : null);
                System.out.printf("round %d: service  %,10.0f events/s (NDJSON POST /v1/events, %d streams, embedded H2)%n",
                        round, service, streams);
                if (csv == null) {
                    csv = root.resolve("events.csv");
                    H2BulkBaseline.dump(config.database(), csv);
                }
                double load = H2BulkBaseline.load(root.resolve("load-" + round), csv, events);
                System.out.printf("round %d: bulk load %,9.0f rows/s   (INSERT ... SELECT FROM CSVREAD, one statement)%n", round, load);
                bestService = Math.max(bestService, service);
                bestLoad = Math.max(bestLoad, load);
            }
        } finally {
            TemporaryFiles.deleteRecursively(root);
        }
        System.out.println();
        System.out.printf("RESULT ingestion, embedded H2: service %,.0f events/s, H2 bulk load %,.0f rows/s, ratio %.2f%n",
                bestService, bestLoad, bestService / bestLoad);
        return 0;
    }

    /** The events as NDJSON request bodies: stream {@code s} gets every {@code streams}-th event. */
    private List<List<byte[]>> bodies() {
        SyntheticEvents generator = new SyntheticEvents(subjects, 20, Instant.now().truncatedTo(ChronoUnit.DAYS), 42);
        List<List<byte[]>> bodies = new ArrayList<>();
        List<ByteArrayOutputStream> open = new ArrayList<>();
        int[] lines = new int[streams];
        for (int s = 0; s < streams; s++) {
            bodies.add(new ArrayList<>());
            open.add(new ByteArrayOutputStream());
        }
        for (int i = 0; i < events; i++) {
            int s = i % streams;
            byte[] line = ndjson(generator.next().report()).getBytes(StandardCharsets.UTF_8);
            open.get(s).writeBytes(line);
            if (++lines[s] == requestEvents) {
                bodies.get(s).add(open.get(s).toByteArray());
                open.set(s, new ByteArrayOutputStream());
                lines[s] = 0;
            }
        }
        for (int s = 0; s < streams; s++) {
            if (lines[s] > 0) {
                bodies.get(s).add(open.get(s).toByteArray());
            }
        }
        return bodies;
    }

    private static String ndjson(EventReport report) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"eventId\":\"").append(report.eventId())
                .append("\",\"type\":\"").append(report.type())
                .append("\",\"occurredAt\":\"").append(report.occurredAt())
                .append("\",\"reportedAt\":\"").append(report.reportedAt())
                .append("\",\"phone\":\"").append(report.phone()).append('"');
        if (report.emailAddress() != null) {
            line.append(",\"emailAddress\":\"").append(report.emailAddress()).append('"');
        }
        if (report.amount() != null) {
            line.append(",\"amount\":").append(report.amount().toPlainString());
        }
        if (report.overdueDays() != null) {
            line.append(",\"overdueDays\":").append(report.overdueDays());
        }
        if (report.autoRepayment() != null) {
            line.append(",\"autoRepayment\":").append(report.autoRepayment());
        }
        return line.append("}\n").toString();
    }

    /** Starts the service on an empty schema and has every stream POST its bodies; events per second. */
    private double ingestThroughService(String pgUrl, String schema, List<List<byte[]>> bodies, Path recording) throws Exception {
        SignalsConfig config = SignalsConfig.of(0, Path.of("target", "bench-ingest"), pgUrl, null, null, ADMIN_TOKEN);
        return ingestThroughService(config.withDatabase(config.database().withSchema(schema)), bodies, recording);
    }

    /** Starts the service with {@code config} (on an empty database) and has every stream POST its bodies; events per second. */
    private double ingestThroughService(SignalsConfig database, List<List<byte[]>> bodies, Path recording) throws Exception {
        RestSettings rest = new RestSettings(0, 1, 10, Duration.ofMinutes(1),
                RestSettings.DEFAULTS.maxThreads(), RestSettings.DEFAULTS.queueCapacity());
        SignalsConfig config = database.withRest(rest);
        try (SignalsService service = SignalsService.start(config)) {
            int port = service.port();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> authorizations = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                authorizations.add(ServiceAccounts.create(client, port, ADMIN_TOKEN, "bench-lender-" + s).authorization());
            }
            ExecutorService pool = Executors.newFixedThreadPool(streams);
            Recording jfrRecording = recording == null ? null : startRecording();
            long started = System.nanoTime();
            try {
                List<Future<Long>> accepted = new ArrayList<>();
                for (int s = 0; s < streams; s++) {
                    List<byte[]> mine = bodies.get(s);
                    String authorization = authorizations.get(s);
                    accepted.add(pool.submit(() -> post(client, port, authorization, mine)));
                }
                long total = 0;
                for (Future<Long> future : accepted) {
                    total += future.get();
                }
                long nanos = System.nanoTime() - started;
                if (total != events) {
                    throw new IllegalStateException("the service accepted " + total + " of " + events + " events");
                }
                return events / (nanos / 1e9);
            } finally {
                pool.shutdownNow();
                if (jfrRecording != null) {
                    jfrRecording.stop();
                    jfrRecording.dump(recording);
                    jfrRecording.close();
                    System.out.println("JFR recording of the service's ingestion: " + recording.toAbsolutePath());
                }
            }
        }
    }

    private static Recording startRecording() throws Exception {
        Recording recording = new Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    /** POSTs one stream's bodies one after another; the events accepted. */
    private long post(HttpClient client, int port, String authorization, List<byte[]> mine) throws Exception {
        long accepted = 0;
        for (byte[] body : mine) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/x-ndjson")
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("POST /v1/events answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode data = mapper.readTree(answer.body()).get("data");
            if (data.get("rejected").size() > 0) {
                throw new IllegalStateException("the service rejected events: " + data.get("rejected").get(0));
            }
            accepted += data.get("accepted").asLong();
        }
        return accepted;
    }
}

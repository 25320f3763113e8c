package dev.signals.benchmarks.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.adapter.rest.RestSettings;
import dev.signals.application.port.out.LoadSubjectEventsPort;
import dev.signals.benchmarks.ServiceAccounts;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.bootstrap.tools.SyntheticEvents;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.SubjectKeys;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far behind a node's index is while another node of the same deployment ingests at its full rate (the
 * several-nodes issue: a node reflects what any node acknowledged within a second).
 *
 * <p>Two nodes, A and B, run in this process on one fresh PostgreSQL schema, each with its own index, exactly as
 * two processes would (they share nothing but the database). A takes NDJSON {@code POST /v1/events} from
 * {@code --streams} lenders at once, as fast as it answers. The last line of every request body is a marker event
 * about a phone number of its own; the moment A answers the request (the events are committed), the marker is
 * handed to a prober, which asks B's index for that phone until B has it. The lag of a request is the time from A's
 * answer to B having its marker; the benchmark reports their p50, p99 and maximum next to A's ingestion rate.
 */
@Command(name = "convergence-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The lag of a node's index while another node ingests at its full rate, on one PostgreSQL database.")
public final class ConvergenceBenchmark implements Callable<Integer> {

    @Option(names = "--url", description = "A jdbc:postgresql: URL (default: $SIGNALS_TEST_PG_URL, else jdbc:postgresql://127.0.0.1:5432/test?user=postgres).")
    String url;

    @Option(names = "--events", defaultValue = "500000", description = "Events node A takes (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--streams", defaultValue = "4", description = "Concurrent NDJSON streams into node A, one lender each (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--request-events", defaultValue = "5000", description = "Lines per NDJSON request body, its marker included (default ${DEFAULT-VALUE}).")
    int requestEvents;

    @Option(names = "--subjects", defaultValue = "100000", description = "Distinct phone numbers of the synthetic events (default ${DEFAULT-VALUE}).")
    int subjects;

    private static final String ADMIN_TOKEN = "benchmark-admin-token-0123456789";
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicInteger markers = new AtomicInteger();

    public static void main(String[] args) {
        if (System.getenv("SIGNALS_LOG_LEVEL") == null
                && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        System.exit(new CommandLine(new ConvergenceBenchmark()).execute(args));
    }

    /** A request A acknowledged: its marker's phone and the moment of the answer. */
    private record Acknowledged(String markerPhone, long answeredAt) {
    }

    @Override
    public Integer call() throws Exception {
        String pgUrl = url != null ? url : System.getenv().getOrDefault("SIGNALS_TEST_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = "convergence_" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        RestSettings rest = new RestSettings(0, 1, 10, Duration.ofMinutes(1),
                RestSettings.DEFAULTS.maxThreads(), RestSettings.DEFAULTS.queueCapacity());
        SignalsConfig base = SignalsConfig.of(0, Path.of("target", "bench-convergence"), pgUrl, null, null, ADMIN_TOKEN).withRest(rest);
        SignalsConfig config = base.withDatabase(base.database().withSchema(schema));
        System.out.printf("Preparing %,d synthetic events for %d stream(s) of requests of %,d lines ...%n", events, streams, requestEvents);
        List<List<RequestBody>> bodies = bodies();
        try (SignalsService nodeA = SignalsService.start(config); SignalsService nodeB = SignalsService.start(config)) {
            LoadSubjectEventsPort indexOfB = nodeB.injector().getInstance(LoadSubjectEventsPort.class);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> authorizations = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                authorizations.add(ServiceAccounts.create(client, nodeA.port(), ADMIN_TOKEN, "bench-lender-" + s).authorization());
            }
            BlockingQueue<Acknowledged> acknowledged = new LinkedBlockingQueue<>();
            List<Long> lagsNanos = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(streams + 1);
            try {
                Future<?> prober = pool.submit(() -> probe(indexOfB, acknowledged, lagsNanos));
                long started = System.nanoTime();
                List<Future<Long>> posted = new ArrayList<>();
                for (int s = 0; s < streams; s++) {
                    List<RequestBody> mine = bodies.get(s);
                    String authorization = authorizations.get(s);
                    posted.add(pool.submit(() -> post(client, nodeA.port(), authorization, mine, acknowledged)));
                }
                long accepted = 0;
                for (Future<Long> future : posted) {
                    accepted += future.get();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                acknowledged.put(new Acknowledged(null, 0));   // the end
                prober.get(5, TimeUnit.MINUTES);
                report(accepted / seconds, lagsNanos);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            ServiceAccounts.dropSchema(pgUrl, schema);
        }
        return 0;
    }

    /** Takes the acknowledged markers in order and waits, for each, until B's index has it. */
    private static Void probe(LoadSubjectEventsPort indexOfB, BlockingQueue<Acknowledged> acknowledged, List<Long> lagsNanos)
            throws InterruptedException {
        while (true) {
            Acknowledged next = acknowledged.take();
            if (next.markerPhone() == null) {
                return null;
            }
            String key = new PhoneSubject(new PhoneNumber(next.markerPhone())).lookupKey();
            while (indexOfB.eventsOf(SubjectKeys.subjectOf(key)).size() == 0) {
                Thread.sleep(0, 200_000);
            }
            lagsNanos.add(Math.max(0, System.nanoTime() - next.answeredAt()));
        }
    }

    private void report(double eventsPerSecond, List<Long> lagsNanos) {
        List<Long> sorted = new ArrayList<>(lagsNanos);
        Collections.sort(sorted);
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        double max = sorted.get(sorted.size() - 1) / 1e6;
        System.out.println();
        System.out.printf("node A took %,.0f events/s from %d streams; node B's lag over %,d acknowledged requests:"
                + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", eventsPerSecond, streams, sorted.size(), p50, p99, max);
        System.out.printf("RESULT convergence: ingestion %,.0f events/s on node A, node B lag p50 %.1f ms, p99 %.1f ms"
                + " (target p99 < 1000 ms) %s%n", eventsPerSecond, p50, p99, p99 < 1000 ? "MET" : "MISSED");
    }

    private static double percentile(List<Long> sortedNanos, double quantile) {
        int at = (int) Math.ceil(quantile * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, at)) / 1e6;
    }

    /** One request body and the phone of its marker, its last line. */
    private record RequestBody(byte[] ndjson, String markerPhone) {
    }

    private List<List<RequestBody>> bodies() {
        SyntheticEvents generator = new SyntheticEvents(subjects, 20, Instant.now().truncatedTo(ChronoUnit.DAYS), 42);
        List<List<RequestBody>> bodies = new ArrayList<>();
        int perStream = events / streams;
        for (int s = 0; s < streams; s++) {
            List<RequestBody> mine = new ArrayList<>();
            for (int at = 0; at < perStream; at += requestEvents) {
                int lines = Math.min(requestEvents, perStream - at);
                StringBuilder body = new StringBuilder(lines * 200);
                for (int i = 0; i < lines - 1; i++) {
                    var report = generator.next().report();
                    body.append("{\"eventId\":\"").append(report.eventId())
                            .append("\",\"type\":\"").append(report.type())
                            .append("\",\"occurredAt\":\"").append(report.occurredAt())
                            .append("\",\"reportedAt\":\"").append(report.reportedAt())
                            .append("\",\"phone\":\"").append(report.phone()).append("\"}\n");
                }
                int marker = markers.incrementAndGet();
                String phone = String.format("+6391890%05d", marker);
                body.append("{\"eventId\":\"marker-").append(marker).append("\",\"type\":\"MARKETING\",\"occurredAt\":\"")
                        .append(Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)).append("\",\"phone\":\"")
                        .append(phone).append("\"}\n");
                mine.add(new RequestBody(body.toString().getBytes(StandardCharsets.UTF_8), phone));
            }
            bodies.add(mine);
        }
        return bodies;
    }

    private long post(HttpClient client, int port, String authorization, List<RequestBody> mine,
                      BlockingQueue<Acknowledged> acknowledged) throws Exception {
        long accepted = 0;
        for (RequestBody body : mine) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/x-ndjson")
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.ndjson())).build(), HttpResponse.BodyHandlers.ofString());
            long answeredAt = System.nanoTime();
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("POST /v1/events answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode data = mapper.readTree(answer.body()).get("data");
            if (data.get("rejected").size() > 0) {
                throw new IllegalStateException("the service rejected events: " + data.get("rejected").get(0));
            }
            accepted += data.get("accepted").asLong();
            acknowledged.put(new Acknowledged(body.markerPhone(), answeredAt));
        }
        return accepted;
    }
}

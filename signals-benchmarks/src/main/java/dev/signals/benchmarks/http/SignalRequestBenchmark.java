package dev.signals.benchmarks.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.adapter.eventsource.inmemory.InMemoryEventIndex;
import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.adapter.rest.RestSettings;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.benchmarks.ServiceAccounts;
import dev.signals.benchmarks.store.HandWrittenStore;
import dev.signals.benchmarks.store.RequestSamples;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.bootstrap.tools.EventImport;
import dev.signals.bootstrap.tools.SyntheticEvents;
import dev.signals.domain.account.AccountId;
import io.javalin.Javalin;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Benchmarks 2 and 3 of the performance issue: {@code POST /v1/alpha/signals} of the real service, started
 * in this process on the demo data set, against two limits in the same process: a bare Javalin route that parses the
 * same body and answers a body of the same size, and the same route storing a finished request with plain JDBC before
 * it answers (issue 17: how much of the gap is storage and how much the service). All are driven by the same load
 * generator, alternately, so the ratios are taken side by side; then the service is driven open-loop at half its maximum to read
 * its p50 and p99 latency.
 */
@Command(name = "signal-request-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "POST /v1/alpha/signals of the service vs a bare Javalin route, side by side.")
public final class SignalRequestBenchmark implements Callable<Integer> {

    @Option(names = "--database-url", description = "A jdbc:postgresql: URL (or a jdbc:h2: one, to try H2 settings); default: the embedded H2 in --data-dir.")
    String databaseUrl;

    @Option(names = "--schema", description = "PostgreSQL schema holding the data set (kept between runs; default bench_<subjects>_<events>).")
    String schema;

    @Option(names = "--data-dir", defaultValue = "target/bench-data", description = "Where the embedded data set is kept between runs (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--subjects", defaultValue = "100000", description = "Distinct phone numbers of the data set (default ${DEFAULT-VALUE}).")
    int subjects;

    @Option(names = "--events", defaultValue = "2000000", description = "Events of the data set (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--institutions", defaultValue = "20", description = "Reporting institutions (default ${DEFAULT-VALUE}).")
    int institutions;

    @Option(names = "--connections", defaultValue = "32", description = "Keep-alive connections of the closed loop (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--seconds", defaultValue = "15", description = "Length of each measured run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds per target (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds of bare route and service (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--growth", description = "Benchmark 6 instead: p50 latency, one request at a time, of a probe subject "
            + "with exactly 10 events in this store (run it with --events 1000000 and --events 10000000).")
    boolean growth;

    /** The probe subject of --growth: a phone no generated subject has. */
    static final String PROBE_PHONE = "+639950000001";

    private static final String ADMIN_TOKEN = "benchmark-admin-token-0123456789";
    private final ObjectMapper mapper = new ObjectMapper();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SignalRequestBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SignalsConfig config = config();
        System.out.printf("Data set: %,d events, %,d subjects, %d institutions on %s%n", events, subjects, institutions,
                config.database().redactedUrl() + (config.database().schema() == null ? "" : " schema " + config.database().schema()));
        try (SignalsService service = SignalsService.start(config)) {
            ensureDataSet(service);
            int port = service.port();
            ServiceAccounts.Account account = ServiceAccounts.create(HttpClient.newHttpClient(), port, ADMIN_TOKEN,
                    "bench-" + System.currentTimeMillis());
            String authorization = account.authorization();
            if (growth) {
                return growth(service, authorization);
            }
            byte[][] requests = requests(authorization);
            byte[] answer = realAnswer(port, requests[0]);
            HandWrittenStore byHand = byHandStore(config);
            Javalin bare = bareRoute(answer, byHand, new AccountId(account.id()));
            try {
                byte[][] bareRequests = retarget(requests, "/bare");
                byte[][] durableRequests = retarget(requests, "/bare-durable");
                HttpLoad toService = new HttpLoad("127.0.0.1", port);
                HttpLoad toBare = new HttpLoad("127.0.0.1", bare.port());
                System.out.printf("Answer body: %,d bytes (the bare route answers the same bytes)%n", answer.length);

                System.out.println("Warming up ...");
                toBare.closed("bare route (warm-up)", connections, warmup, i -> bareRequests[i % bareRequests.length]);
                toBare.closed("bare route + durable write by hand (warm-up)", connections, warmup, i -> durableRequests[i % durableRequests.length]);
                toService.closed("service (warm-up)", connections, warmup, i -> requests[i % requests.length]);

                HttpLoad.Result bestBare = null;
                HttpLoad.Result bestDurable = null;
                HttpLoad.Result bestService = null;
                for (int round = 1; round <= rounds; round++) {
                    HttpLoad.Result b = toBare.closed("bare route, round " + round, connections, seconds,
                            i -> bareRequests[i % bareRequests.length]);
                    System.out.println(b);
                    HttpLoad.Result d = toBare.closed("bare route + durable write by hand, round " + round, connections, seconds,
                            i -> durableRequests[(i + 3571) % durableRequests.length]);
                    System.out.println(d);
                    HttpLoad.Result s = toService.closed("service, round " + round, connections, seconds,
                            i -> requests[(i + 7919) % requests.length]);
                    System.out.println(s);
                    bestBare = bestBare == null || b.throughput() > bestBare.throughput() ? b : bestBare;
                    bestDurable = bestDurable == null || d.throughput() > bestDurable.throughput() ? d : bestDurable;
                    bestService = bestService == null || s.throughput() > bestService.throughput() ? s : bestService;
                }
                double half = bestService.throughput() / 2;
                HttpLoad.Result open = toService.open("service at half its max", Math.max(8, connections / 2), half, seconds,
                        i -> requests[(i + 104_729) % requests.length]);
                System.out.println(open);
                System.out.println("  p99 per second (ms): " + open.p99PerSecond());
                HttpLoad.Result openByHand = toBare.open("durable write by hand at the same rate", Math.max(8, connections / 2),
                        half, seconds, i -> durableRequests[(i + 104_729) % durableRequests.length]);
                System.out.println(openByHand);
                System.out.println("  p99 per second (ms): " + openByHand.p99PerSecond());

                double ratio = bestService.throughput() / bestBare.throughput();
                System.out.println();
                System.out.printf("RESULT throughput: service %,.0f req/s, bare route %,.0f req/s, ratio %.2f (target >= %s)%n",
                        bestService.throughput(), bestBare.throughput(), ratio, databaseUrl == null ? "0.50" : "0.30");
                System.out.printf("RESULT limits: bare route %,.0f req/s; bare route + the durable write by hand (plain JDBC, one writer "
                                + "thread) %,.0f req/s; the service reaches %.2f of the second%n",
                        bestBare.throughput(), bestDurable.throughput(), bestService.throughput() / bestDurable.throughput());
                System.out.printf("RESULT latency at %,.0f req/s (half the max): p50 %.2f ms, p99 %.2f ms (target p99 < 10 ms), %,d errors%n",
                        half, open.percentileMillis(50), open.percentileMillis(99), open.errors());
                System.out.printf("RESULT per second at half the max: service's worst second p99 %.2f ms; the durable write by hand "
                                + "at the same rate: p50 %.2f ms, p99 %.2f ms, worst second p99 %.2f ms%n",
                        open.worstSecondP99Millis(), openByHand.percentileMillis(50), openByHand.percentileMillis(99),
                        openByHand.worstSecondP99Millis());
                return 0;
            } finally {
                bare.stop();
                byHand.close();
            }
        }
    }

    /** Benchmark 6: the latency of a 10-event subject, which must not grow with the store. */
    private int growth(SignalsService service, String authorization) throws Exception {
        int port = service.port();
        StringBuilder events = new StringBuilder("{\"events\":[");
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS);
        String[] types = {"APPLICATION_RECEPTION", "APPLICATION_APPROVAL", "LOAN_DISBURSEMENT", "REPAYMENT_REMINDER",
                "SUCCESSFUL_REPAYMENT", "OVERDUE", "REPAYMENT_REMINDER", "SUCCESSFUL_REPAYMENT", "DEBT", "MARKETING"};
        for (int i = 0; i < 10; i++) {
            events.append(i == 0 ? "" : ",").append("{\"eventId\":\"probe-").append(i).append("\",\"type\":\"")
                    .append(types[i]).append("\",\"occurredAt\":\"").append(day.minus(Duration.ofDays(3L * (10 - i))))
                    .append("\",\"phone\":\"").append(PROBE_PHONE).append('"')
                    .append(types[i].equals("MARKETING") || types[i].startsWith("APPLICATION") ? "" : ",\"amount\":1500.50")
                    .append(types[i].equals("OVERDUE") ? ",\"overdueDays\":12" : "").append('}');
        }
        events.append("]}");
        HttpResponse<String> reported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/events"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(events.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (reported.statusCode() != 200 || !reported.body().contains("\"accepted\":10")) {
            throw new IllegalStateException("reporting the probe's events answered " + reported.statusCode() + ": " + reported.body());
        }
        byte[] probe = HttpLoad.post("/v1/alpha/signals", authorization, "{\"phone\":\"" + PROBE_PHONE
                + "\",\"consent\":{\"type\":\"T&C\",\"version\":\"1\",\"consentedWith\":\"I agree\","
                + "\"consentedAt\":\"2024-08-08T16:06:00Z\"}}");
        HttpLoad load = new HttpLoad("127.0.0.1", port);
        load.closed("probe (warm-up)", 1, warmup, i -> probe);
        HttpLoad.Result result = load.closed("probe, one at a time", 1, seconds, i -> probe);
        System.out.println(result);
        int stored = service.injector().getInstance(InMemoryEventIndex.class).size();
        System.out.printf("RESULT growth: store of %,d events, subject with 10 events: p50 %.3f ms, p99 %.3f ms%n",
                stored, result.percentileMillis(50), result.percentileMillis(99));
        return 0;
    }

    private SignalsConfig config() {
        RestSettings rest = new RestSettings(0, 1, 10, Duration.ofMinutes(1),
                RestSettings.DEFAULTS.maxThreads(), RestSettings.DEFAULTS.queueCapacity());
        if (databaseUrl == null) {
            Path dir = dataDir.resolve("h2-" + subjects + "-" + events);
            return SignalsConfig.of(0, dir, null, null, null, ADMIN_TOKEN).withRest(rest);
        }
        if (databaseUrl.startsWith("jdbc:h2:")) {
            return SignalsConfig.of(0, dataDir.resolve("h2-custom"), databaseUrl, null, null, ADMIN_TOKEN).withRest(rest);
        }
        String name = schema != null ? schema : "bench_" + subjects + "_" + events;
        SignalsConfig config = SignalsConfig.of(0, dataDir.resolve("pg"), databaseUrl, null, null, ADMIN_TOKEN).withRest(rest);
        DatabaseSettings database = config.database().withSchema(name);
        return config.withDatabase(database);
    }

    /** Generates the data set into the journal (and the index) unless an earlier run left it there. */
    private void ensureDataSet(SignalsService service) {
        InMemoryEventIndex index = service.injector().getInstance(InMemoryEventIndex.class);
        if (index.size() >= events) {
            System.out.printf("Data set present: %,d events in the index%n", index.size());
            return;
        }
        if (index.size() > 0) {
            throw new IllegalStateException("the store holds " + index.size() + " events, not " + events
                    + ": delete it (--data-dir or the --schema) to generate the data set again");
        }
        System.out.printf("Generating %,d events (once; kept for later runs) ...%n", events);
        long started = System.nanoTime();
        SyntheticEvents generator = new SyntheticEvents(subjects, institutions,
                Instant.now().truncatedTo(ChronoUnit.DAYS), 42);
        EventImport importer = new EventImport(service.injector().getInstance(ReportEventsUseCase.class), 5_000);
        for (int i = 0; i < events; i++) {
            SyntheticEvents.Generated next = generator.next();
            importer.add(next.institutionId(), next.report());
        }
        EventImport.Summary summary = importer.finish();
        double took = (System.nanoTime() - started) / 1e9;
        System.out.printf("Generated in %.0f s (%,.0f events/s): %s%n", took, events / took,
                summary.describe(5).lines().findFirst().orElse(""));
    }

    /** Alpha signal requests for subjects of the data set, drawn uniformly. */
    private byte[][] requests(String authorization) {
        SplittableRandom random = new SplittableRandom(7);
        byte[][] requests = new byte[8_192][];
        for (int i = 0; i < requests.length; i++) {
            String phone = SyntheticEvents.phoneOf(random.nextInt(subjects));
            requests[i] = HttpLoad.post("/v1/alpha/signals", authorization, "{\"phone\":\"" + phone
                    + "\",\"consent\":{\"type\":\"T&C\",\"version\":\"1\",\"consentedWith\":\"I agree\","
                    + "\"consentedAt\":\"2024-08-08T16:06:00Z\"}}");
        }
        return requests;
    }

    /** The same requests, sent to a bare route's {@code path}. */
    private static byte[][] retarget(byte[][] requests, String path) {
        byte[][] retargeted = new byte[requests.length][];
        for (int i = 0; i < requests.length; i++) {
            String request = new String(requests[i], StandardCharsets.UTF_8);
            retargeted[i] = request.replaceFirst("POST /v1/alpha/signals ", "POST " + path + " ").getBytes(StandardCharsets.UTF_8);
        }
        return retargeted;
    }

    /**
     * The second limit's store: the service's row written with plain JDBC by one writer thread ({@link HandWrittenStore}),
     * on the service's own database (an embedded H2 opened again in this process is the same database).
     */
    private static HandWrittenStore byHandStore(SignalsConfig config) throws Exception {
        DatabaseSettings database = config.database();
        Connection connection = DriverManager.getConnection(database.url(), database.credentials());
        boolean postgres = database.url().startsWith("jdbc:postgresql:");
        if (postgres && database.schema() != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + database.schema());
            }
        }
        return HandWrittenStore.open(new HandWrittenStore.Connected(connection, () -> { }),
                postgres ? HandWrittenStore.Dialect.POSTGRES_UNNEST : HandWrittenStore.Dialect.H2, HandWrittenStore.Layout.SERVICE);
    }

    /** One real answer of the service, whose size the bare route copies. */
    private byte[] realAnswer(int port, byte[] request) throws Exception {
        String text = new String(request, StandardCharsets.UTF_8);
        String authorization = text.lines().filter(l -> l.startsWith("Authorization: ")).findFirst().orElseThrow().substring(15);
        String body = text.substring(text.indexOf("\r\n\r\n") + 4);
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/alpha/signals"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200 && answer.statusCode() != 201) {
            throw new IllegalStateException("the service answered " + answer.statusCode() + ": " + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return answer.body();
    }

    /**
     * The limits: Javalin routes with the same thread pool that parse the body and answer {@code answer}; {@code /bare-durable}
     * also stores a finished request about the body's phone with {@code byHand} before it answers, as the service does.
     */
    private Javalin bareRoute(byte[] answer, HandWrittenStore byHand, AccountId account) {
        RestSettings settings = RestSettings.DEFAULTS;
        RequestSamples samples = new RequestSamples(subjects);
        Javalin bare = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.threadPool = new QueuedThreadPool(settings.maxThreads(), 8, 60_000,
                    new BlockingArrayQueue<>(settings.queueCapacity(), 0, settings.queueCapacity()));
        });
        bare.post("/bare", ctx -> {
            JsonNode parsed = mapper.readTree(ctx.bodyAsBytes());
            if (!parsed.has("phone")) {
                ctx.status(400);
            }
            ctx.contentType("application/json").result(answer);
        });
        bare.post("/bare-durable", ctx -> {
            JsonNode parsed = mapper.readTree(ctx.bodyAsBytes());
            byHand.insert(samples.next(account, parsed.path("phone").asText()));
            ctx.contentType("application/json").result(answer);
        });
        return bare.start(0);
    }
}

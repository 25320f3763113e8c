package dev.signals.benchmarks.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.adapter.rest.RestSettings;
import dev.signals.benchmarks.ServiceAccounts;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Issue 16: what {@code "explain": true} adds to a signal request about a subject with 1,000 events. The service
 * runs in this process on a fresh database (embedded H2, or a fresh schema of the PostgreSQL at
 * {@code --database-url}); one subject gets 1,000 events of every type from ten lenders, among
 * {@code --other-events} events of other subjects. Then the same request is sent one at a time, alternately with
 * and without {@code explain}, and the latency of each kind is recorded: the difference of the medians is what
 * explaining adds (target: at most 2 ms). Both are durable requests, computed and stored before the answer.
 *
 * <p>With {@code --beyond-horizon-days N} (issue 18) the second kind is instead the plain request as of N days ago:
 * its windows reach past the index's horizon (210 days back), so the service reads the subject's events from the
 * journal; the difference of the medians is what that path costs.
 */
@Command(name = "explanation-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "POST /v1/beta/signals with and without \"explain\", one subject of 1,000 events, side by side.")
public final class ExplanationBenchmark implements Callable<Integer> {

    private static final double TARGET_MILLIS = 2.0;
    private static final String ADMIN_TOKEN = "explanation-benchmark-admin-token-0123";
    private static final String PHONE = "+639951000001";
    private static final String[] TYPES = {"MARKETING", "APPLICATION_RECEPTION", "APPLICATION_APPROVAL", "APPLICATION_REJECTION",
            "LOAN_DISBURSEMENT", "REPAYMENT_REMINDER", "SUCCESSFUL_REPAYMENT", "OVERDUE", "DEBT", "CAPTCHA", "LENDING",
            "PRELOAN", "ARBITRARY", "OTHER"};

    @Option(names = "--database-url", description = "A jdbc:postgresql: URL; a fresh schema is made there and dropped. Default: embedded H2.")
    String databaseUrl;

    @Option(names = "--events", defaultValue = "1000", description = "Events of the explained subject (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--other-events", defaultValue = "200000", description = "Events of other subjects (default ${DEFAULT-VALUE}).")
    int otherEvents;

    @Option(names = "--signals", defaultValue = "108", description = "Signals of the template asked for: 35 (the defaults) or 108 (default ${DEFAULT-VALUE}).")
    int signals;

    @Option(names = "--beyond-horizon-days", defaultValue = "0",
            description = "Instead of explain, compare the plain request with the same one as of this many days ago, whose windows"
                    + " reach past the index's horizon (210 days) so that it reads the subject's events from the journal (issue 18);"
                    + " 0 compares explain (default ${DEFAULT-VALUE}).")
    int beyondHorizonDays;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds (default ${DEFAULT-VALUE}).")
    double warmup;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExplanationBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("explanation-benchmark");
        String schema = "bench_explain_" + Long.toHexString(System.nanoTime());
        // No rate limit: the benchmark asks as fast as one client can.
        RestSettings rest = new RestSettings(0, 1, 10, Duration.ofMinutes(1),
                RestSettings.DEFAULTS.maxThreads(), RestSettings.DEFAULTS.queueCapacity());
        SignalsConfig config = SignalsConfig.of(0, dataDir, databaseUrl, null, null, ADMIN_TOKEN).withRest(rest);
        if (databaseUrl != null) {
            config = config.withDatabase(config.database().withSchema(schema));
        }
        DatabaseSettings database = config.database();
        try (SignalsService service = SignalsService.start(config)) {
            String base = "http://127.0.0.1:" + service.port();
            List<String> lenders = new ArrayList<>();
            List<String> credentials = new ArrayList<>();
            String askerId = null;
            for (int i = 0; i < 10; i++) {
                lenders.add("lender-" + i);
                ServiceAccounts.Account account = ServiceAccounts.create(http, service.port(), ADMIN_TOKEN, "lender-" + i);
                askerId = askerId == null ? account.id() : askerId;
                credentials.add(account.authorization());
            }
            report(base, credentials, lenders);
            String template = signals == 35 ? null : "tpl-all";
            if (template != null) {
                allSignalsTemplate(base, credentials.get(0), askerId);
            }
            byte[] plain = body(template, false, null);
            byte[] explained = beyondHorizonDays > 0
                    ? body(template, false, Instant.now().minus(Duration.ofDays(beyondHorizonDays)).truncatedTo(ChronoUnit.SECONDS))
                    : body(template, true, null);
            String[] kinds = beyondHorizonDays > 0
                    ? new String[] {"as of now (memory)", "as of " + beyondHorizonDays + " days ago (journal)"}
                    : new String[] {"without explain", "with explain"};
            JsonNode sample = mapper.readTree(send(base, credentials.get(0), explained));
            System.out.printf("Database: %s; subject of %,d events among %,d; %d signals; evidence %,d events, answer %,d bytes%n",
                    databaseUrl == null ? "embedded H2" : database.redactedUrl(), events, otherEvents, signals,
                    sample.path("data").path("evidence").size(), mapper.writeValueAsBytes(sample).length);

            URI uri = URI.create(base);
            HttpLoad.Connection connection = new HttpLoad.Connection(uri.getHost(), uri.getPort());
            try {
                Exchange lean = body -> {
                    int status = connection.exchange(HttpLoad.post("/v1/beta/signals", credentials.get(0), new String(body, StandardCharsets.UTF_8)));
                    if (status != 200) {
                        throw new IllegalStateException("answered " + status);
                    }
                };
                Exchange jdk = body -> send(base, credentials.get(0), body);
                System.out.println("Warming up ...");
                measure(lean, plain, explained, warmup);
                measure(jdk, plain, explained, warmup / 2);
                long[][] latencies = measure(lean, plain, explained, seconds);
                long[][] jdkLatencies = measure(jdk, plain, explained, seconds / 2);
                System.out.println("Time to the last byte of the answer, on one keep-alive connection (the figure):");
                double added = printLatencies(latencies, kinds);
                System.out.println("The same as the JDK's HttpClient sees it, which also decodes the answer into a String:");
                printLatencies(jdkLatencies, kinds);
                if (beyondHorizonDays > 0) {
                    System.out.printf(Locale.ROOT, "RESULT beyond the horizon, %d events, %d signals: reading the journal adds %.2f ms at p50%n",
                            events, signals, added);
                } else {
                    System.out.printf(Locale.ROOT, "RESULT explain, %d events, %d signals: adds %.2f ms at p50; target <= %.1f ms: %s%n",
                            events, signals, added, TARGET_MILLIS, added <= TARGET_MILLIS ? "met" : "missed");
                }
            } finally {
                connection.close();
            }
        } finally {
            if (databaseUrl != null) {
                ServiceAccounts.dropSchema(databaseUrl, schema);
            }
        }
        return 0;
    }

    /** Sends one signal request and reads its whole answer. */
    private interface Exchange {
        void send(byte[] body) throws Exception;
    }

    /** Alternates the two requests, one at a time, for {@code seconds}: latencies in microseconds, plain then explained. */
    private static long[][] measure(Exchange exchange, byte[] plain, byte[] explained, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long[] plainLatencies = new long[1 << 16];
        long[] explainedLatencies = new long[1 << 16];
        int n = 0;
        while (System.nanoTime() < end && n < plainLatencies.length) {
            long started = System.nanoTime();
            exchange.send(plain);
            long between = System.nanoTime();
            exchange.send(explained);
            plainLatencies[n] = (between - started) / 1_000;
            explainedLatencies[n] = (System.nanoTime() - between) / 1_000;
            n++;
        }
        return new long[][] {Arrays.copyOf(plainLatencies, n), Arrays.copyOf(explainedLatencies, n)};
    }

    /** Prints both kinds' percentiles; returns what the second adds at p50, in ms. */
    private static double printLatencies(long[][] latencies, String[] kinds) {
        double plainMedian = percentile(latencies[0], 50);
        double explainedMedian = percentile(latencies[1], 50);
        for (int kind = 0; kind < 2; kind++) {
            System.out.printf(Locale.ROOT, "  %-32s %,d requests, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", kinds[kind] + ":",
                    latencies[kind].length, percentile(latencies[kind], 50), percentile(latencies[kind], 90), percentile(latencies[kind], 99));
        }
        System.out.printf(Locale.ROOT, "  the second adds %.2f ms at p50%n", explainedMedian - plainMedian);
        return explainedMedian - plainMedian;
    }

    private static double percentile(long[] micros, int percent) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    private byte[] body(String template, boolean explain, Instant asOf) throws Exception {
        ObjectNode body = mapper.createObjectNode();
        body.put("phone", PHONE);
        if (template != null) {
            body.put("templateId", template);
        }
        if (explain) {
            body.put("explain", true);
        }
        if (asOf != null) {
            body.put("asOf", asOf.toString());
        }
        body.putObject("consent").put("consentedWith", "I agree").put("consentedAt", "2024-08-08T16:06:00Z");
        return mapper.writeValueAsBytes(body);
    }

    /** The subject's events, spread over the lenders and the last 200 days, and the other subjects', as NDJSON. */
    private void report(String base, List<String> credentials, List<String> lenders) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int l = 0; l < lenders.size(); l++) {
            StringBuilder ndjson = new StringBuilder();
            for (int i = l; i < events; i += lenders.size()) {
                ndjson.append(event(random, "s-" + i, PHONE, now)).append('\n');
            }
            for (int i = l; i < otherEvents; i += lenders.size()) {
                ndjson.append(event(random, "o-" + i, String.format("+63995%07d", 2 + random.nextInt(otherEvents / 5 + 1)), now))
                        .append('\n');
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                    .header("Authorization", credentials.get(l)).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build();
            JsonNode answer = mapper.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            if (!answer.path("data").path("rejected").isEmpty()) {
                throw new IllegalStateException("events rejected: " + answer.path("data").path("rejected").get(0));
            }
        }
    }

    private String event(SplittableRandom random, String id, String phone, Instant now) throws Exception {
        String type = TYPES[random.nextInt(TYPES.length)];
        ObjectNode event = mapper.createObjectNode();
        event.put("eventId", id);
        event.put("type", type);
        event.put("occurredAt", now.minusSeconds(random.nextLong(200L * 86_400)).toString());
        event.put("phone", phone);
        if (random.nextBoolean()) {
            event.put("amount", random.nextInt(1_000_000) / 100.0);
        }
        if (type.equals("OVERDUE")) {
            event.put("overdueDays", random.nextInt(120));
            event.put("autoRepayment", random.nextBoolean());
        }
        return mapper.writeValueAsString(event);
    }

    private void allSignalsTemplate(String base, String credentials, String accountId) throws Exception {
        HttpRequest catalogue = HttpRequest.newBuilder(URI.create(base + "/v1/catalog")).header("Authorization", credentials).build();
        JsonNode entries = mapper.readTree(http.send(catalogue, HttpResponse.BodyHandlers.ofString()).body()).path("data");
        ObjectNode template = mapper.createObjectNode().put("amountFormat", "NUMBER");
        ArrayNode names = template.putArray("signals");
        (entries.isArray() ? entries : entries.path("items")).forEach(entry -> names.add(entry.path("name").asText()));
        admin(base, "PUT", "/v1/admin/accounts/" + accountId + "/templates/tpl-all", template);
    }

    private String admin(String base, String method, String path, ObjectNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String send(String base, String credentials, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/beta/signals")).timeout(Duration.ofSeconds(30))
                .header("Authorization", credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}

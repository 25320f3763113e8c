import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of deploy/failover-check.sh: run with the service's jar on the class path (Jackson, pgjdbc).
 *
 * <pre>
 *   java -cp signals.jar FailoverCheck.java ingest BASE ADMIN_TOKEN DIR
 *   java -cp signals.jar FailoverCheck.java verify BASE OTHER_BASE ADMIN_TOKEN DIR JDBC_URL
 * </pre>
 *
 * {@code ingest}: four lenders post batches of 50 events (200 phone numbers) as fast as the node answers; a batch
 * that gets 503 or no answer is posted again, unchanged, until acknowledged (batches are idempotent by eventId).
 * After 8 s it kills the primary ({@code FAILOVER_KILL}), 5 s later promotes the replica ({@code FAILOVER_PROMOTE}),
 * and stops once the node has acknowledged batches for 8 s after the promotion. It fails on any status other than
 * 200 and 503, and on a 503 outside the window from the kill to the promotion's first acknowledgement. It writes the
 * acknowledged event ids to DIR/acked.txt and prints the answers by status and the longest run of 503s.
 *
 * <p>{@code verify}: every acknowledged id is in the journal exactly once (JDBC, on the new primary); the node's index
 * holds as many events as the journal; and for every subject the node answers the 108 signals as OTHER_BASE does, a
 * node started after the failover, which read the whole journal.
 */
public final class FailoverCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int LENDERS = 4;
    private static final int BATCH = 50;
    private static final int SUBJECTS = 200;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(args[1], args[2], Path.of(args[3]));
            case "verify" -> verify(args[1], args[2], args[3], Path.of(args[4]), args[5]);
            default -> throw new IllegalArgumentException("ingest or verify, not " + args[0]);
        }
    }

    private static void ingest(String base, String adminToken, Path dir) throws Exception {
        List<String> lenders = new ArrayList<>();
        for (int i = 0; i < LENDERS; i++) {
            lenders.add(account(base, adminToken, "lender-" + i));
        }
        ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong promotedAt = new AtomicLong();
        AtomicLong firstAckAfterPromotion = new AtomicLong();
        AtomicLong unavailableFrom = new AtomicLong();
        AtomicLong longestUnavailable = new AtomicLong();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int l = 0; l < LENDERS; l++) {
            int lender = l;
            Thread thread = new Thread(() -> {
                for (int batch = 0; !stop.get(); batch++) {
                    String body = batch(lender, batch);
                    while (!stop.get()) {
                        int status;
                        try {
                            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                                    .timeout(Duration.ofSeconds(30)).header("Authorization", lenders.get(lender))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            status = answer.statusCode();
                        } catch (IOException e) {
                            status = 0;
                        } catch (InterruptedException e) {
                            return;
                        }
                        long now = System.nanoTime();
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        if (status == 200) {
                            for (int i = 0; i < BATCH; i++) {
                                acked.add(eventId(lender, batch, i));
                            }
                            long from = unavailableFrom.getAndSet(0);
                            if (from != 0) {
                                longestUnavailable.accumulateAndGet(now - from, Math::max);
                            }
                            if (promotedAt.get() != 0) {
                                firstAckAfterPromotion.compareAndSet(0, now);
                            }
                            break;
                        }
                        if (status == 503 || status == 0) {
                            unavailableFrom.compareAndSet(0, now);
                            boolean inWindow = killedAt.get() != 0 && (firstAckAfterPromotion.get() == 0 || now - firstAckAfterPromotion.get() < 2_000_000_000L);
                            if (!inWindow) {
                                wrong.add("answer " + status + " outside the failover, " + (now - started) / 1_000_000 + " ms into the run");
                            }
                            sleep(100);
                        } else {
                            wrong.add("answer " + status + " to a batch, " + (now - started) / 1_000_000 + " ms into the run");
                            sleep(100);
                        }
                    }
                }
            }, "lender-" + lender);
            threads.add(thread);
            thread.start();
        }
        sleep(8_000);
        killedAt.set(System.nanoTime());
        run(System.getenv("FAILOVER_KILL"));
        System.out.println("failover check: primary killed");
        sleep(5_000);
        run(System.getenv("FAILOVER_PROMOTE"));
        promotedAt.set(System.nanoTime());
        System.out.println("failover check: replica promoted");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && (firstAckAfterPromotion.get() == 0 || System.nanoTime() - firstAckAfterPromotion.get() < 8_000_000_000L)) {
            sleep(200);
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(35_000);
        }
        Files.write(dir.resolve("acked.txt"), acked);
        System.out.printf("failover check: answers by status (0: no answer) %s; %,d events acknowledged%n", new TreeMap<>(statuses), acked.size());
        System.out.printf("failover check: longest time the node answered 503 (or not at all): %.1f s; from the kill to the first"
                        + " acknowledgement after the promotion: %.1f s (the replica was promoted %.1f s after the kill)%n",
                longestUnavailable.get() / 1e9, (firstAckAfterPromotion.get() - killedAt.get()) / 1e9, (promotedAt.get() - killedAt.get()) / 1e9);
        if (firstAckAfterPromotion.get() == 0) {
            throw new IllegalStateException("no batch was acknowledged after the promotion");
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException(wrong.size() + " wrong answers, the first: " + wrong.peek());
        }
    }

    private static void verify(String base, String otherBase, String adminToken, Path dir, String jdbcUrl) throws Exception {
        Set<String> acked = new HashSet<>(Files.readAllLines(dir.resolve("acked.txt")));
        long journal;
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement()) {
            Set<String> stored = new HashSet<>();
            ResultSet rows = statement.executeQuery("select event_id, count(*) from event group by event_id, institution_id");
            while (rows.next()) {
                if (rows.getLong(2) != 1) {
                    throw new IllegalStateException(rows.getString(1) + " is in the journal " + rows.getLong(2) + " times");
                }
                stored.add(rows.getString(1));
            }
            journal = stored.size();
            Set<String> lost = new HashSet<>(acked);
            lost.removeAll(stored);
            if (!lost.isEmpty()) {
                throw new IllegalStateException(lost.size() + " acknowledged events are not in the journal, e.g. " + lost.iterator().next());
            }
        }
        System.out.printf("failover check: all %,d acknowledged events are in the journal once (%,d events in all)%n", acked.size(), journal);
        long indexed = indexedEvents(base);
        for (int i = 0; i < 40 && indexed != journal; i++) {
            sleep(250);
            indexed = indexedEvents(base);
        }
        if (indexed != journal) {
            throw new IllegalStateException("the node's index holds " + indexed + " events, the journal " + journal);
        }
        String asker = account(base, adminToken, "asker");
        JsonNode catalogue = get(base + "/v1/catalog", asker);
        ArrayNode names = JSON.createArrayNode();
        catalogue.path("data").path("items").forEach(item -> names.add(item.path("name").asText()));
        String accountId = accountIdOf(asker);
        ObjectNode template = JSON.createObjectNode();
        template.set("signals", names);
        template.put("amountFormat", "NUMBER");
        send("PUT", base + "/v1/admin/accounts/" + accountId + "/templates/tpl-all", "Bearer " + adminToken, template.toString());
        String asOf = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        for (int s = 0; s < SUBJECTS; s++) {
            String body = "{\"phone\":\"" + phone(s) + "\",\"templateId\":\"tpl-all\",\"asOf\":\"" + asOf + "\",\"consent\":{\"type\":\"T&C\","
                    + "\"version\":\"1\",\"consentedWith\":\"I agree\",\"consentedAt\":\"2024-08-08T16:06:00Z\"}}";
            JsonNode here = send("POST", base + "/v1/beta/signals", asker, body).path("data").path("items");
            JsonNode there = send("POST", otherBase + "/v1/beta/signals", asker, body).path("data").path("items");
            if (here.size() != names.size() || !here.equals(there)) {
                throw new IllegalStateException("the node answers " + phone(s) + " with " + here + ", a node started after the failover with " + there);
            }
        }
        System.out.printf("failover check: %d subjects answered alike, %d signals each, by the node and a node started afterwards%n", SUBJECTS, names.size());
    }

    private static long indexedEvents(String base) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("data").path("index").path("events").asLong();
    }

    private static String batch(int lender, int batch) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        Instant occurred = Instant.parse("2024-07-01T00:00:00Z").plus(batch, ChronoUnit.MINUTES);
        String[] types = {"APPLICATION_RECEPTION", "LOAN_DISBURSEMENT", "OVERDUE", "SUCCESSFUL_REPAYMENT"};
        for (int i = 0; i < BATCH; i++) {
            int subject = (lender * 7919 + batch * 31 + i) % SUBJECTS;
            String type = types[(batch + i) % types.length];
            ObjectNode event = events.addObject().put("eventId", eventId(lender, batch, i)).put("type", type)
                    .put("occurredAt", occurred.plusSeconds(i).toString()).put("phone", phone(subject));
            if (!type.equals("APPLICATION_RECEPTION")) {
                event.put("amount", 100 + (batch * 13 + i) % 5000);
            }
            if (type.equals("OVERDUE")) {
                event.put("overdueDays", 1 + i % 60);
            }
        }
        return body.toString();
    }

    private static String eventId(int lender, int batch, int i) {
        return "l" + lender + "-b" + batch + "-e" + i;
    }

    private static String phone(int subject) {
        return String.format("+6391780%05d", subject);
    }

    /** A new account of {@code institution}; its Basic authorization. */
    private static String account(String base, String adminToken, String institution) throws Exception {
        JsonNode data = send("POST", base + "/v1/admin/accounts", "Bearer " + adminToken,
                "{\"name\":\"" + institution + "\",\"institutionId\":\"" + institution + "\"}").path("data");
        String basic = "Basic " + Base64.getEncoder().encodeToString((data.path("apiKey").asText() + ":" + data.path("apiSecret").asText())
                .getBytes(StandardCharsets.UTF_8));
        ACCOUNT_IDS.put(basic, data.path("id").asText());
        return basic;
    }

    private static final Map<String, String> ACCOUNT_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String accountIdOf(String authorization) {
        return ACCOUNT_IDS.get(authorization);
    }

    private static JsonNode get(String url, String authorization) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private static JsonNode send(String method, String url, String authorization, String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /** Runs a command of the check script (as postgres when the script runs as root). */
    private static void run(String command) throws Exception {
        List<String> line = new ArrayList<>();
        if ("1".equals(System.getenv("FAILOVER_AS_POSTGRES"))) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command.split(" ")));
        Process process = new ProcessBuilder(line).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("'" + command + "' failed");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

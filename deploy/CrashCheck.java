import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.PhoneNumber;

import java.io.IOException;
import java.math.BigDecimal;
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
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of deploy/crash-check.sh: run with the service's jar on the class path (Jackson, pgjdbc, the domain).
 *
 * <pre>
 *   java -cp signals.jar CrashCheck.java load BALANCER ADMIN_TOKEN CLUSTER_DIR SECONDS CLUSTER_SH
 *   java -cp signals.jar CrashCheck.java verify ADMIN_TOKEN CLUSTER_DIR JDBC_URL NODE_URL...
 * </pre>
 *
 * {@code load}: a mixed load through the balancer for SECONDS: four lenders post batches of 25 events each (eventIds of
 * their own, 150 phone numbers, up to 300 days back) and, every fourth turn, retract 5 of their acknowledged events;
 * two clients ask for signal requests (alpha and beta, the lenders and an asker; one keeps its connections to HAProxy
 * alive and sends an Idempotency-Key of its own, a new one per request and the same on its resends; the other opens a
 * connection per request and closes it, as a client without keep-alive, and sends no key, so HAProxy sets one), one pages
 * through the lists; each pauses 100–200 ms between requests. Meanwhile a chaos thread kills a node with SIGKILL every
 * 6–10 s (the java pid in CLUSTER_DIR/nodeK/pid; the three nodes in a random order first, then at random; only while at
 * least two nodes are up, so never all three down) until 20 s before the end, and restarts each 1–3 s after its kill with
 * {@code CLUSTER_SH --dir CLUSTER_DIR start-node K} (which returns once HAProxy sends the node requests again).
 * HAProxy resends every request of the load that its node died with (signal requests carry an Idempotency-Key), so
 * the check fails on any answer other than 200 and 503, a 502 or a connection closed without an answer included, for
 * every kind; on a 200 to a batch or a retraction that does not account for all of it; and on fewer than three kills.
 * The clients still repeat what is safe to repeat until answered 200: event batches (idempotent by eventId) and
 * retractions (idempotent: alreadyRetracted), the same body each time, list pages (GET), a signal request with the
 * client's own key after a 503, a 502 or no answer (with the same key), one without a key only after a 503 (the service
 * wrote nothing). It counts per client the answers that carry {@code Idempotent-Replayed: true}. It writes the
 * acknowledged events and retractions to CLUSTER_DIR/acked-events.txt and acked-retractions.txt ("institution eventId"),
 * the load's account ids, and the signal requests answered 200 ("client id key") to answered-signal-requests.txt.
 *
 * <p>{@code verify}: every acknowledged event is in the journal exactly once, every acknowledged retraction is in
 * event_retraction; the signal requests stored for the load's accounts are exactly those answered 200, each once (a
 * key the client sent is stored once, with the id it was answered; the other client's under one of HAProxy's keys);
 * then for every subject of the journal it computes the 108 signals as of now with the service's own
 * calculation ({@link SignalCalculator} over {@link EventHistory#of(List, List)} of the journal's events and retractions)
 * and asks every node directly (not through the balancer) for the same subject with a template of all 108 signals: each
 * node must answer the reference values (it waits up to 60 s in all for the nodes to converge).
 */
public final class CrashCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final int LENDERS = 4;
    private static final int BATCH = 25;
    private static final int RETRACT = 5;
    private static final int SUBJECTS = 150;
    private static final String CONSENT = "\"consent\":{\"type\":\"T&C\",\"version\":\"1\",\"consentedWith\":\"I agree\","
            + "\"consentedAt\":\"2024-08-08T16:06:00Z\"}";
    private static final List<String> KINDS = List.of("signal request", "list page", "event batch", "retraction");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "load" -> System.exit(load(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]), args[5]));
            case "verify" -> System.exit(verify(args[1], Path.of(args[2]), args[3], List.of(args).subList(4, args.length)));
            default -> throw new IllegalArgumentException("load or verify, not " + args[0]);
        }
    }

    // --- load ---------------------------------------------------------------------------------------------------------

    /** One answer (or none: status 0) to one attempt; replayed: it carried {@code Idempotent-Replayed: true}. */
    private record Answer(String kind, int status, long start, long end, String thread, boolean replayed) {
    }

    /** A kill: from just before SIGKILL to the node's pid being gone; back: when HAProxy sent it requests again. */
    private record Kill(int node, long killed, long dead, long[] back) {
    }

    private static final ConcurrentLinkedQueue<Answer> ANSWERS = new ConcurrentLinkedQueue<>();
    /** Batches and retractions whose 200 counted some as duplicates or alreadyRetracted: a first attempt had stored them. */
    private static final AtomicInteger REPEATED = new AtomicInteger();
    private static final ConcurrentLinkedQueue<String> WRONG = new ConcurrentLinkedQueue<>();
    private static final List<Kill> KILLS = new CopyOnWriteArrayList<>();
    private static long started;

    private static int load(String base, String adminToken, Path dir, int seconds, String clusterSh) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> lenders = new ArrayList<>();
        List<String> institutions = new ArrayList<>();
        for (int i = 0; i < LENDERS; i++) {
            institutions.add("crash-" + run + "-" + i);
            lenders.add(account(base, adminToken, institutions.get(i)));
        }
        String asker = account(base, adminToken, "crash-" + run + "-asker");
        List<String> askers = new ArrayList<>(lenders);
        askers.add(asker);

        ConcurrentLinkedQueue<String> ackedEvents = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> ackedRetractions = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Answered> answeredSignals = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();

        for (int l = 0; l < LENDERS; l++) {
            int lender = l;
            threads.add(thread("lender-" + l, () -> {
                Random random = new Random(lender * 1_000_003L + run.hashCode());
                List<String> mine = new ArrayList<>();
                for (int turn = 0; !stop.get(); turn++) {
                    if (turn % 4 == 3 && mine.size() >= RETRACT) {
                        List<String> chosen = new ArrayList<>();
                        for (int i = 0; i < RETRACT; i++) {
                            chosen.add(mine.remove(random.nextInt(mine.size())));
                        }
                        ArrayNode list = JSON.createArrayNode();
                        chosen.forEach(id -> list.addObject().put("eventId", id).put("reason", "crash check"));
                        ObjectNode body = JSON.createObjectNode();
                        body.set("retractions", list);
                        JsonNode data = untilAcknowledged("retraction", base + "/v1/events/retractions", lenders.get(lender), body.toString());
                        if (data == null) {
                            return;
                        }
                        if (data.path("retracted").asInt() + data.path("alreadyRetracted").asInt() != RETRACT || !data.path("rejected").isEmpty()) {
                            WRONG.add("a retraction of " + chosen + " was answered " + data);
                        }
                        if (data.path("alreadyRetracted").asInt() > 0) {
                            REPEATED.incrementAndGet();
                        }
                        chosen.forEach(id -> ackedRetractions.add(institutions.get(lender) + " " + id));
                    } else {
                        List<String> ids = new ArrayList<>();
                        String body = batch(random, lender, turn, ids);
                        JsonNode data = untilAcknowledged("event batch", base + "/v1/events", lenders.get(lender), body);
                        if (data == null) {
                            return;
                        }
                        if (data.path("accepted").asInt() + data.path("duplicates").asInt() != BATCH || !data.path("rejected").isEmpty()) {
                            WRONG.add("a batch of " + ids.get(0) + ".. was answered " + data);
                        } else {
                            if (data.path("duplicates").asInt() > 0) {
                                REPEATED.incrementAndGet();
                            }
                            ids.forEach(id -> ackedEvents.add(institutions.get(lender) + " " + id));
                            mine.addAll(ids);
                        }
                    }
                    pause(200);
                }
            }));
        }
        // signals-0 sends an Idempotency-Key of its own (a new one per request, the same on its resends) on kept-alive
        // connections; signals-1 sends none (HAProxy sets one) and opens a connection per request.
        for (int c = 0; c < 2; c++) {
            int client = c;
            boolean ownKeys = client == OWN_KEYS_CLIENT;
            threads.add(thread("signals-" + c, () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; !stop.get(); i++) {
                    String version = (i + client) % 2 == 0 ? "alpha" : "beta";
                    String body = "{\"phone\":\"" + phone(random.nextInt(SUBJECTS)) + "\"," + CONSENT + "}";
                    String auth = askers.get(random.nextInt(askers.size()));
                    String url = base + "/v1/" + version + "/signals";
                    Reply reply;
                    if (ownKeys) {
                        // With its own key the client may resend whatever got no answer, the same body with the same key:
                        // the service answers a repeat with the request stored under the key, or computes it if none is.
                        // What was begun is finished (the load's end does not stop it), so that every stored one is answered.
                        String key = "crash-" + UUID.randomUUID();
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                        reply = attempt("signal request", "POST", url, auth, body, false, key);
                        while (RESENDABLE.contains(reply.status) && System.nanoTime() < deadline && pause(100)) {
                            reply = attempt("signal request", "POST", url, auth, body, false, key);
                        }
                        if (reply.status == 200) {
                            answeredSignals.add(new Answered(Thread.currentThread().getName(), idOf(reply), key));
                        } else if (RESENDABLE.contains(reply.status)) {
                            WRONG.add("a signal request with Idempotency-Key " + key + " got no 200 within 120 s: " + reply.status);
                        }
                    } else {
                        // Without a key of its own, only a 503 (the service wrote nothing) is safe to ask again.
                        reply = attempt("signal request", "POST", url, auth, body, true, null);
                        while (reply.status == 503 && !stop.get() && pause(100)) {
                            reply = attempt("signal request", "POST", url, auth, body, true, null);
                        }
                        if (reply.status == 200) {
                            answeredSignals.add(new Answered(Thread.currentThread().getName(), idOf(reply), null));
                        }
                    }
                    pause(100);
                }
            }));
        }
        for (int c = 0; c < 1; c++) {
            int client = c;
            threads.add(thread("lists-" + c, () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String cursor = null;
                for (int i = 0; !stop.get(); i++) {
                    String version = (i + client) % 2 == 0 ? "alpha" : "beta";
                    String url = base + "/v1/" + version + "/signals?size=20" + (cursor == null ? "" : "&cursor=" + cursor);
                    String auth = askers.get(random.nextInt(askers.size()));
                    Reply reply = attempt("list page", "GET", url, auth, null);
                    // A GET is safe to repeat: the client asks again for what got no (whole) answer.
                    while (reply.status != 200 && !stop.get() && pause(100)) {
                        reply = attempt("list page", "GET", url, auth, null);
                    }
                    cursor = null;
                    if (reply.status == 200 && random.nextInt(3) > 0) {
                        JsonNode next = reply.json().path("data").path("nextCursor");
                        cursor = next.isTextual() ? java.net.URLEncoder.encode(next.asText(), StandardCharsets.UTF_8) : null;
                    }
                    pause(200);
                }
            }));
        }
        threads.forEach(Thread::start);

        Thread chaos = chaos(dir, clusterSh, end);
        while (System.nanoTime() < end || chaos.isAlive() && KILLS.size() < 3
                || !KILLS.isEmpty() && System.nanoTime() < KILLS.get(KILLS.size() - 1).dead() + TimeUnit.SECONDS.toNanos(15)) {
            pause(200);
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        chaos.join(60_000);
        for (Thread restart : RESTARTS) {
            restart.join(180_000);
        }
        Files.write(dir.resolve("acked-events.txt"), ackedEvents);
        Files.write(dir.resolve("acked-retractions.txt"), ackedRetractions);
        Files.write(dir.resolve("load-accounts.txt"), ACCOUNT_IDS.values());
        // The signal requests answered 200: "client id key" (key "-" where the client sent none).
        Files.write(dir.resolve("answered-signal-requests.txt"), answeredSignals.stream()
                .map(a -> a.client() + " " + a.id() + " " + (a.key() == null ? "-" : a.key())).toList());
        long answered = ANSWERS.stream().filter(a -> a.kind().equals("signal request") && a.status() == 200).count();
        if (answered != answeredSignals.size()) {
            WRONG.add(answered + " signal requests answered 200, but " + answeredSignals.size() + " logical requests ended with a 200");
        }
        return summary(ackedEvents.size(), ackedRetractions.size());
    }

    /** The client whose signal requests carry an Idempotency-Key of its own (the other's get HAProxy's). */
    private static final int OWN_KEYS_CLIENT = 0;
    /**
     * What the client with keys of its own resends: no answer (0), HAProxy's 502 and 503. Any of them still fails the
     * check but a 503, as HAProxy should have resent it; the client's resend makes sure the request ends answered.
     */
    private static final Set<Integer> RESENDABLE = Set.of(0, 502, 503);

    /** The data.id of a signal request's 200 answer ("?" and a failure if it has none). */
    private static String idOf(Reply reply) {
        String id;
        try {
            id = reply.json().path("data").path("id").asText("");
        } catch (RuntimeException e) {
            id = "";
        }
        if (id.isEmpty() || id.contains(" ")) {
            WRONG.add("a signal request's 200 has no data.id: " + (reply.body().length() > 300 ? reply.body().substring(0, 300) : reply.body()));
            return "?";
        }
        return id;
    }

    /** A signal request answered 200: by which client, its data.id, and the Idempotency-Key the client sent (or null). */
    private record Answered(String client, String id, String key) {
    }

    /** Posts {@code body} until answered 200 (the load's end does not stop it: what was begun is finished); its data. */
    private static JsonNode untilAcknowledged(String kind, String url, String auth, String body) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Reply reply = attempt(kind, "POST", url, auth, body);
            if (reply.status == 200) {
                return reply.json().path("data");
            }
            pause(100);
        }
        WRONG.add(kind + " to " + url + " not acknowledged within 120 s: " + body);
        return null;
    }

    private record Reply(int status, String body, boolean replayed) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    private static Reply attempt(String kind, String method, String url, String auth, String body) {
        return attempt(kind, method, url, auth, body, false, null);
    }

    /**
     * One attempt; {@code fresh}: on a connection of its own, closed after the answer ({@link #once}), as a client
     * without keep-alive, where {@link #HTTP} keeps its connections to HAProxy alive (HAProxy answers a request in
     * flight on a killed node differently on the first request of a connection and on a later one); {@code key}: the
     * Idempotency-Key to send, or null for none.
     */
    private static Reply attempt(String kind, String method, String url, String auth, String body, boolean fresh, String key) {
        long start = System.nanoTime();
        int status;
        String answer = "";
        boolean replayed = false;
        if (fresh) {
            try {
                Reply reply = once(method, URI.create(url), auth, body, key);
                status = reply.status();
                answer = reply.body();
                replayed = reply.replayed();
            } catch (IOException e) {
                status = 0;
                answer = e.toString();
            }
        } else try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(70))
                    .header("Authorization", auth);
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = response.body();
            replayed = response.headers().firstValue("Idempotent-Replayed").orElse("").equals("true");
        } catch (IOException e) {
            status = 0;
            answer = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        long now = System.nanoTime();
        ANSWERS.add(new Answer(kind, status, start, now, Thread.currentThread().getName(), replayed));
        // Every request of the load is safe for HAProxy to resend to another node (signal requests carry an
        // Idempotency-Key), so a node killed in the middle of one must not show: anything but 200 and 503 is wrong,
        // a 502 or no answer (0) included. summary() says which of those were in flight at a kill.
        if (status != 200 && status != 503) {
            WRONG.add(String.format("%s %s%s at %.1f s answered %d: %s", method, url, key == null ? "" : " (Idempotency-Key " + key + ")",
                    (start - started) / 1e9, status, answer.length() > 300 ? answer.substring(0, 300) : answer));
        }
        return new Reply(status, answer, replayed);
    }

    /** One HTTP/1.1 exchange on a new connection that says {@code Connection: close}; status 0 when no status line came. */
    private static Reply once(String method, URI url, String auth, String body, String key) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(url.getHost(), url.getPort()), 3_000);
            socket.setSoTimeout(70_000);
            String head = method + " " + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + url.getHost() + ":" + url.getPort() + "\r\nAuthorization: " + auth + "\r\nConnection: close\r\n"
                    + (key == null ? "" : "Idempotency-Key: " + key + "\r\n")
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n") + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(answer);
            if (!line.find()) {
                return new Reply(0, answer.isEmpty() ? "connection closed without an answer" : answer, false);
            }
            int status = Integer.parseInt(line.group(1));
            int bodyStart = answer.indexOf("\r\n\r\n");
            if (bodyStart < 0) {
                return new Reply(0, "an answer cut short in its head: " + answer, false);
            }
            String headers = answer.substring(0, bodyStart).toLowerCase(java.util.Locale.ROOT);
            boolean replayed = java.util.regex.Pattern.compile("\r\nidempotent-replayed: *true *(\r\n|$)").matcher(headers).find();
            String answerBody = answer.substring(bodyStart + 4);
            if (java.util.regex.Pattern.compile("\r\ntransfer-encoding: *chunked").matcher(headers).find()) {
                answerBody = dechunk(answerBody);
                if (answerBody == null) {
                    return new Reply(0, "an answer cut short in its body: " + answer, false);
                }
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(headers);
            if (length.find() && answerBody.getBytes(StandardCharsets.UTF_8).length < Long.parseLong(length.group(1))) {
                return new Reply(0, "an answer cut short in its body: " + answer, false);
            }
            return new Reply(status, answerBody, replayed);
        }
    }

    /** The body of a chunked answer (ASCII chunk sizes over a UTF-8 body: sizes are counted in bytes); null if cut short. */
    private static String dechunk(String chunked) {
        byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int eol = indexOf(bytes, at);
            if (eol < 0) {
                return null;
            }
            String size = new String(bytes, at, eol - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            if (eol + 2 + n > bytes.length) {
                return null;
            }
            out.write(bytes, eol + 2, n);
            at = eol + 2 + n + 2;
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static final List<Thread> RESTARTS = new CopyOnWriteArrayList<>();

    /**
     * Kills a node every 6–10 s until 20 s before {@code end} and restarts each 1–3 s after its kill, in threads of
     * their own ({@link #RESTARTS}). Nodes 1, 2, 3 in a random order first, then at random; at least one node stays up.
     */
    private static Thread chaos(Path dir, String clusterSh, long end) {
        Set<Integer> down = ConcurrentHashMap.newKeySet();
        Thread chaos = thread("chaos", () -> {
            Random random = new Random();
            List<Integer> order = new ArrayList<>(List.of(1, 2, 3));
            Collections.shuffle(order, random);
            pause(4_000 + random.nextInt(3_000));
            // Until 20 s before the end; on a machine so slow that restarts kept it from three kills by then, up to 20 s
            // after it (the load goes on for 15 s after the last kill).
            for (int n = 0; System.nanoTime() < end - TimeUnit.SECONDS.toNanos(20)
                    || KILLS.size() < 3 && System.nanoTime() < end + TimeUnit.SECONDS.toNanos(20); n++) {
                List<Integer> up = new ArrayList<>(List.of(1, 2, 3));
                up.removeAll(down);
                if (up.size() >= 2) {
                    int node = n < order.size() && up.contains(order.get(n)) ? order.get(n) : up.get(random.nextInt(up.size()));
                    down.add(node);
                    Kill kill = kill(dir, node);
                    int number = KILLS.size();
                    int delay = 1_000 + random.nextInt(2_000);
                    Thread restart = thread("restart-" + node, () -> {
                        pause(delay);
                        restart(dir, clusterSh, node, number);
                        kill.back()[0] = System.nanoTime();
                        down.remove(node);
                    });
                    RESTARTS.add(restart);
                    restart.start();
                }
                pause(6_000 + random.nextInt(4_000));
            }
        });
        chaos.start();
        return chaos;
    }

    private static Kill kill(Path dir, int node) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("node" + node + "/pid")).trim());
            long killed = System.nanoTime();
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("node " + node + " (pid " + pid + ") is not running"));
            process.destroyForcibly(); // SIGKILL
            process.onExit().get(10, TimeUnit.SECONDS);
            long dead = System.nanoTime();
            Kill kill = new Kill(node, killed, dead, new long[1]);
            KILLS.add(kill);
            System.out.printf("crash check: %5.1f s  node %d (pid %d) killed with SIGKILL%n", (killed - started) / 1e9, node, pid);
            return kill;
        } catch (Exception e) {
            WRONG.add("could not kill node " + node + ": " + e);
            throw new IllegalStateException(e);
        }
    }

    private static void restart(Path dir, String clusterSh, int node, int number) {
        try {
            long from = System.nanoTime();
            Path log = dir.resolve("restart-" + number + "-node" + node + ".log");
            Process process = new ProcessBuilder("bash", clusterSh, "--dir", dir.toString(), "start-node", Integer.toString(node))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (process.waitFor() != 0) {
                WRONG.add("node " + node + " did not restart: " + Files.readString(log));
                return;
            }
            System.out.printf("crash check: %5.1f s  node %d restarted, back in HAProxy (%.1f s to start)%n",
                    (System.nanoTime() - started) / 1e9, node, (System.nanoTime() - from) / 1e9);
        } catch (Exception e) {
            WRONG.add("could not restart node " + node + ": " + e);
        }
    }

    private static int summary(int events, int retractions) {
        List<Answer> answers = new ArrayList<>(ANSWERS);
        System.out.printf("crash check: %d attempts in %.0f s through the balancer; %d kills (%s); answers by kind and status"
                        + " (0: no answer):%n", answers.size(), (System.nanoTime() - started) / 1e9, KILLS.size(),
                KILLS.stream().map(k -> "node " + k.node()).reduce((a, b) -> a + ", " + b).orElse("none"));
        System.out.printf("  %-15s %8s %8s %8s %8s %8s %10s %8s%n", "", "total", "200", "4xx", "502", "503", "no answer", "other");
        for (String kind : KINDS) {
            long[] counts = new long[7];
            Map<Integer, Integer> others = new TreeMap<>();
            for (Answer a : answers) {
                if (!a.kind().equals(kind)) {
                    continue;
                }
                counts[0]++;
                int column = a.status() == 200 ? 1 : a.status() / 100 == 4 ? 2 : a.status() == 502 ? 3 : a.status() == 503 ? 4
                        : a.status() == 0 ? 5 : 6;
                counts[column]++;
                if (column == 6) {
                    others.merge(a.status(), 1, Integer::sum);
                }
            }
            System.out.printf("  %-15s %8d %8d %8d %8d %8d %10d %8d%s%n", kind, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6],
                    others.isEmpty() ? "" : "  " + others);
        }
        // Per signal-request client: its answers by status and how many were replays of a request stored before (an
        // attempt that got no answer, resent by HAProxy or, with the client's own key, by the client).
        for (int c = 0; c < 2; c++) {
            String client = "signals-" + c;
            Map<Integer, Integer> byStatus = new TreeMap<>();
            int replays = 0;
            for (Answer a : answers) {
                if (a.thread().equals(client)) {
                    byStatus.merge(a.status(), 1, Integer::sum);
                    replays += a.replayed() ? 1 : 0;
                }
            }
            System.out.printf("crash check: %s (%s): signal requests by status %s; %d answers with Idempotent-Replayed: true%n", client,
                    c == OWN_KEYS_CLIENT ? "its own Idempotency-Key, resent by it after 503, 502 or no answer; kept-alive connections"
                            : "no key, HAProxy sets one; resent by it after a 503 only; a connection per request", byStatus, replays);
        }
        // No answer (0) or a 502 fails the check for any kind (attempt() counted it): say which were in flight at a kill.
        Map<String, Integer> failedAtKill = new TreeMap<>();
        for (Answer a : answers) {
            if (a.status() == 502 || a.status() == 0) {
                boolean atAKill = KILLS.stream().anyMatch(k -> a.start() <= k.dead() && a.end() >= k.killed());
                failedAtKill.merge(a.kind() + " " + (a.status() == 0 ? "no answer" : "502") + (atAKill ? " in flight at a kill" : " not at any kill"),
                        1, Integer::sum);
            }
        }
        System.out.printf("crash check: answers 502 or none (each a failure): %s%n", failedAtKill.isEmpty() ? "none" : failedAtKill);
        // 503 stretches: one client's consecutive 503 answers, from the first one's start to the next other answer.
        Map<String, List<Answer>> byThread = new HashMap<>();
        answers.stream().sorted((a, b) -> Long.compare(a.start(), b.start())).forEach(a -> byThread.computeIfAbsent(a.thread(), t -> new ArrayList<>()).add(a));
        long longest = 0;
        int stretches = 0;
        for (List<Answer> list : byThread.values()) {
            long from = -1;
            for (Answer a : list) {
                if (a.status() == 503) {
                    if (from < 0) {
                        from = a.start();
                        stretches++;
                    }
                } else if (from >= 0) {
                    longest = Math.max(longest, a.end() - from);
                    from = -1;
                }
            }
            if (from >= 0) {
                longest = Math.max(longest, list.get(list.size() - 1).end() - from);
            }
        }
        System.out.printf("crash check: %d event batches and %d retraction batches acknowledged: %d events, %d retractions; %d of"
                + " those answers counted duplicates or alreadyRetracted (a first attempt, which got no answer, had stored them)%n",
                events / BATCH, retractions / RETRACT, events, retractions, REPEATED.get());
        System.out.printf("crash check: %d stretches of 503 answers; the longest %.2f s%n", stretches, longest / 1e9);
        for (Kill k : KILLS) {
            System.out.printf("  node %d killed at %.1f s, back in HAProxy at %.1f s%n", k.node(), (k.killed() - started) / 1e9,
                    k.back()[0] == 0 ? Double.NaN : (k.back()[0] - started) / 1e9);
        }
        if (KILLS.size() < 3 || KILLS.stream().map(Kill::node).distinct().count() < 3) {
            WRONG.add("only " + KILLS.size() + " kills, not every node killed at least once");
        }
        if (!WRONG.isEmpty()) {
            System.out.println("crash check: " + WRONG.size() + " things went wrong, the first ones:");
            WRONG.stream().limit(15).forEach(w -> System.out.println("  " + w));
            return 1;
        }
        return 0;
    }

    // --- verify -------------------------------------------------------------------------------------------------------

    private static int verify(String adminToken, Path dir, String jdbcUrl, List<String> nodes) throws Exception {
        Set<String> ackedEvents = new HashSet<>(Files.readAllLines(dir.resolve("acked-events.txt")));
        Set<String> ackedRetractions = new HashSet<>(Files.readAllLines(dir.resolve("acked-retractions.txt")));
        List<String> wrong = new ArrayList<>();
        Map<String, List<Event>> bySubject = new TreeMap<>();
        Map<String, Event> byKey = new HashMap<>();
        List<RetractedEvent> retractions = new ArrayList<>();
        EventType[] types = EventType.values();
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement()) {
            Map<String, Integer> counts = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("select institution_id, event_id, type, phone, email_address, occurred_at,"
                    + " reported_at, amount, overdue_days, auto_repayment from event order by seq")) {
                while (rows.next()) {
                    String key = rows.getString(1) + " " + rows.getString(2);
                    if (counts.merge(key, 1, Integer::sum) > 1) {
                        continue;
                    }
                    Event event = new Event(rows.getString(2), new InstitutionId(rows.getString(1)), types[rows.getInt(3) - 1],
                            rows.getString(4) == null ? null : new PhoneNumber(rows.getString(4)), null,
                            rows.getObject(6, OffsetDateTime.class).toInstant(), rows.getObject(7, OffsetDateTime.class).toInstant(),
                            rows.getBigDecimal(8), (Integer) rows.getObject(9), (Boolean) rows.getObject(10));
                    if (rows.getString(5) != null || event.phone() == null) {
                        wrong.add("an event with an e-mail address, which this check does not send: " + key);
                        continue;
                    }
                    byKey.put(key, event);
                    bySubject.computeIfAbsent(event.phone().e164(), p -> new ArrayList<>()).add(event);
                }
            }
            counts.forEach((key, n) -> {
                if (n != 1) {
                    wrong.add(key + " is in the journal " + n + " times");
                }
            });
            Set<String> lost = new HashSet<>(ackedEvents);
            lost.removeAll(counts.keySet());
            if (!lost.isEmpty()) {
                wrong.add(lost.size() + " acknowledged events are not in the journal, e.g. " + lost.iterator().next());
            }
            Set<String> unacknowledged = new HashSet<>(counts.keySet());
            unacknowledged.removeAll(ackedEvents);
            System.out.printf("crash check: the journal holds %d events, each once; %d acknowledged, all there; %d never acknowledged%n",
                    counts.size(), ackedEvents.size() - lost.size(), unacknowledged.size());

            Set<String> retracted = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("select e.institution_id, e.event_id, r.retracted_at from event_retraction r"
                    + " join event e on e.seq = r.event_seq")) {
                while (rows.next()) {
                    String key = rows.getString(1) + " " + rows.getString(2);
                    if (!retracted.add(key)) {
                        wrong.add(key + " is retracted twice");
                    }
                    retractions.add(new RetractedEvent(byKey.get(key), rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
            Set<String> missing = new HashSet<>(ackedRetractions);
            missing.removeAll(retracted);
            if (!missing.isEmpty()) {
                wrong.add(missing.size() + " acknowledged retractions are not in event_retraction, e.g. " + missing.iterator().next());
            }
            System.out.printf("crash check: event_retraction holds %d retractions; %d acknowledged, %d of them missing%n",
                    retracted.size(), ackedRetractions.size(), missing.size());

            // Signal requests: exactly those answered 200 are stored, each once. Every one carried an Idempotency-Key (the
            // client's own or HAProxy's), so an attempt that got no answer and was resent left no second record: the
            // resend answered the stored one (Idempotent-Replayed) or computed the only one.
            List<String[]> answeredSignals = Files.readAllLines(dir.resolve("answered-signal-requests.txt")).stream()
                    .filter(line -> !line.isBlank()).map(line -> line.split(" ")).toList();
            String accounts = String.join("','", Files.readAllLines(dir.resolve("load-accounts.txt")));
            Map<String, String> storedKeys = new HashMap<>(); // id -> idempotency_key ("" for none)
            Map<String, Integer> keyCounts = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("select id, idempotency_key from signal_request where account_id in ('" + accounts + "')")) {
                while (rows.next()) {
                    String key = rows.getString(2) == null ? "" : rows.getString(2);
                    storedKeys.put(rows.getString(1), key);
                    keyCounts.merge(key, 1, Integer::sum);
                }
            }
            Set<String> answeredIds = new HashSet<>();
            int ownKeys = 0;
            int ownKeysOnce = 0;
            int haproxyKeys = 0;
            for (String[] a : answeredSignals) {
                String client = a[0];
                String id = a[1];
                String sent = a[2];
                if (!answeredIds.add(id)) {
                    wrong.add("signal request " + id + " was answered 200 to two requests (" + client + ")");
                }
                String stored = storedKeys.get(id);
                if (stored == null) {
                    wrong.add("signal request " + id + " was answered 200 to " + client + " but is not stored");
                } else if (!sent.equals("-")) {
                    ownKeys++;
                    if (!stored.equals(sent)) {
                        wrong.add("signal request " + id + " was answered 200 for Idempotency-Key " + sent + " but is stored under '" + stored + "'");
                    } else if (keyCounts.get(sent) != 1) {
                        wrong.add("Idempotency-Key " + sent + " is stored " + keyCounts.get(sent) + " times");
                    } else {
                        ownKeysOnce++;
                    }
                } else if (!stored.startsWith("haproxy-")) {
                    wrong.add("signal request " + id + " of " + client + " (which sends no key) is stored under '" + stored + "', not one of HAProxy's");
                } else {
                    haproxyKeys++;
                }
            }
            Set<String> unanswered = new HashSet<>(storedKeys.keySet());
            unanswered.removeAll(answeredIds);
            System.out.printf("crash check: %d signal requests stored for %d answered 200 (%d with the client's own Idempotency-Key, each"
                            + " stored once under it: %d; %d under HAProxy's); %d stored but never answered 200%n",
                    storedKeys.size(), answeredSignals.size(), ownKeys, ownKeysOnce, haproxyKeys, unanswered.size());
            if (storedKeys.size() != answeredSignals.size()) {
                wrong.add(storedKeys.size() + " signal requests stored, but " + answeredSignals.size() + " were answered 200");
            }
            if (!unanswered.isEmpty()) {
                String id = unanswered.iterator().next();
                wrong.add(unanswered.size() + " stored signal requests were never answered 200, e.g. " + id + " (Idempotency-Key '"
                        + storedKeys.get(id) + "')");
            }
        }

        // The reference: the service's own calculation over the journal, as of an instant after everything was written.
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SignalCatalogue catalogue = SignalCatalogue.standard();
        SignalCalculator calculator = new SignalCalculator();
        Map<String, List<RetractedEvent>> retractionsBySubject = new HashMap<>();
        for (RetractedEvent r : retractions) {
            retractionsBySubject.computeIfAbsent(r.event().phone().e164(), p -> new ArrayList<>()).add(r);
        }
        Map<String, Map<String, Long>> reference = new LinkedHashMap<>();
        for (Map.Entry<String, List<Event>> subject : bySubject.entrySet()) {
            CalculationResult result = calculator.calculate(EventHistory.of(subject.getValue(),
                    retractionsBySubject.getOrDefault(subject.getKey(), List.of())), asOf, catalogue.allSignals());
            Map<String, Long> values = null;
            if (result.hasData()) {
                values = new LinkedHashMap<>();
                for (SignalValue value : result.values()) {
                    values.put(value.signal().name(), value.value());
                }
            }
            reference.put(subject.getKey(), values);
        }

        // Every node, directly, with a template of all the catalogue's signals.
        String first = nodes.get(0);
        String asker = account(first, adminToken, "crash-verify-" + Long.toString(System.currentTimeMillis(), 36));
        ArrayNode names = JSON.createArrayNode();
        get(first + "/v1/catalog", asker).path("data").path("items").forEach(item -> names.add(item.path("name").asText()));
        if (names.size() != catalogue.all().size()) {
            wrong.add("the catalogue has " + names.size() + " signals, the domain's " + catalogue.all().size());
        }
        ObjectNode template = JSON.createObjectNode();
        template.set("signals", names);
        template.put("amountFormat", "NUMBER");
        send("PUT", first + "/v1/admin/accounts/" + ACCOUNT_IDS.get(asker) + "/templates/tpl-all", "Bearer " + adminToken, template.toString());
        pause(1_000); // every node reads an account's templates again within 500 ms
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int compared = 0;
        int retried = 0;
        long known = 0;
        for (Map<String, Long> values : reference.values()) {
            known += values == null ? 0 : values.values().stream().filter(v -> v != null && v != 0).count();
        }
        for (Map.Entry<String, Map<String, Long>> subject : reference.entrySet()) {
            String body = "{\"phone\":\"" + subject.getKey() + "\",\"templateId\":\"tpl-all\",\"asOf\":\"" + asOf + "\"," + CONSENT + "}";
            for (String node : nodes) {
                Map<String, Long> actual = values(send("POST", node + "/v1/beta/signals", asker, body));
                while (!java.util.Objects.equals(actual, subject.getValue()) && System.nanoTime() < deadline) {
                    retried++;
                    pause(250);
                    actual = values(send("POST", node + "/v1/beta/signals", asker, body));
                }
                if (!java.util.Objects.equals(actual, subject.getValue())) {
                    wrong.add(node + " answers " + subject.getKey() + " as of " + asOf + " with " + difference(subject.getValue(), actual));
                }
                compared++;
            }
        }
        System.out.printf("crash check: %d subjects x %d nodes asked directly for %d signals as of %s: %d answers compared with the"
                        + " reference calculation over the journal (%d asked again while a node caught up); %d of the reference's"
                        + " %d values are neither null nor 0%n",
                reference.size(), nodes.size(), names.size(), asOf, compared, retried, known, reference.size() * names.size());
        if (reference.size() < SUBJECTS / 2) {
            wrong.add("only " + reference.size() + " subjects in the journal");
        }
        if (!wrong.isEmpty()) {
            System.out.println("crash check: " + wrong.size() + " things went wrong, the first ones:");
            wrong.stream().limit(15).forEach(w -> System.out.println("  " + w));
            return 1;
        }
        return 0;
    }

    /** The answer's values by name, or null for NO_DATA (no items). */
    private static Map<String, Long> values(JsonNode answer) {
        JsonNode items = answer.path("data").path("items");
        if (items.isEmpty()) {
            return null;
        }
        Map<String, Long> values = new LinkedHashMap<>();
        items.forEach(item -> values.put(item.path("name").asText(), item.path("value").isNull() ? null : item.path("value").asLong()));
        return values;
    }

    private static String difference(Map<String, Long> expected, Map<String, Long> actual) {
        if (expected == null || actual == null) {
            return actual + " where the reference is " + expected;
        }
        StringBuilder text = new StringBuilder();
        for (String name : expected.keySet()) {
            if (!java.util.Objects.equals(expected.get(name), actual.get(name))) {
                text.append(name).append('=').append(actual.get(name)).append(" (reference ").append(expected.get(name)).append(") ");
            }
        }
        return text.length() == 0 ? actual.keySet() + " where the reference names " + expected.keySet() : text.toString();
    }

    // --- events ---------------------------------------------------------------------------------------------------------

    /** A batch of {@link #BATCH} events of {@code lender}, the same for the same arguments (a retry sends the same body). */
    private static String batch(Random random, int lender, int turn, List<String> ids) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        EventType[] types = EventType.values();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < BATCH; i++) {
            String id = "c" + lender + "-t" + turn + "-e" + i;
            ids.add(id);
            EventType type = types[random.nextInt(types.length)];
            // Up to 300 days back: inside the 180-day windows, and beyond the index's horizon (210 days) for some.
            Instant occurred = now.minusSeconds(60 + random.nextInt(300 * 86_400));
            ObjectNode event = events.addObject().put("eventId", id).put("type", type.name())
                    .put("occurredAt", occurred.toString()).put("phone", phone(random.nextInt(SUBJECTS)));
            if (random.nextInt(4) == 0) {
                // A back-fill: learned some hours after it occurred (never later than now).
                Instant reported = occurred.plusSeconds(random.nextInt(3 * 86_400));
                event.put("reportedAt", (reported.isAfter(now) ? now : reported).toString());
            }
            if (random.nextInt(3) > 0) {
                event.put("amount", new BigDecimal(random.nextInt(5_000_000)).movePointLeft(2));
            }
            if (type == EventType.OVERDUE) {
                event.put("overdueDays", random.nextInt(120));
                if (random.nextBoolean()) {
                    event.put("autoRepayment", random.nextBoolean());
                }
            }
        }
        return body.toString();
    }

    private static String phone(int subject) {
        return String.format("+6391781%05d", subject);
    }

    // --- HTTP ------------------------------------------------------------------------------------------------------------

    private static final Map<String, String> ACCOUNT_IDS = new ConcurrentHashMap<>();

    /** A new account of {@code institution} (no node is killed yet); its Basic authorization. */
    private static String account(String base, String adminToken, String institution) throws Exception {
        JsonNode data = send("POST", base + "/v1/admin/accounts", "Bearer " + adminToken,
                "{\"name\":\"" + institution + "\",\"institutionId\":\"" + institution + "\"}").path("data");
        String basic = "Basic " + Base64.getEncoder().encodeToString((data.path("apiKey").asText() + ":" + data.path("apiSecret").asText())
                .getBytes(StandardCharsets.UTF_8));
        ACCOUNT_IDS.put(basic, data.path("id").asText());
        return basic;
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
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                WRONG.add("thread " + name + " failed: " + e);
                e.printStackTrace();
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}

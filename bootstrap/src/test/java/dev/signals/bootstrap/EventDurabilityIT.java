package dev.signals.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Killing the service (SIGKILL) in the middle of a stream of event batches and signal requests loses no
 * acknowledged event or signal request, and re-sending after the restart duplicates no event.
 */
class EventDurabilityIT {

    private static final String ADMIN = "admin-token-for-the-durability-test";
    private static final int BATCH = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void noAcknowledgedEventIsLostAndNoneDuplicatedAfterSigkill(@TempDir Path dataDir) throws Exception {
        Map<String, String> env = Map.of("SIGNALS_PORT", "0", "SIGNALS_DATA_DIR", dataDir.toString(), "SIGNALS_ADMIN_TOKEN", ADMIN);
        Instant occurred = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String basic;
        Map<Integer, Boolean> acknowledged = new ConcurrentHashMap<>();
        Map<String, Boolean> acknowledgedRequests = new ConcurrentHashMap<>();
        AtomicInteger attempted = new AtomicInteger(-1);

        try (RunningJar jar = RunningJar.start(env)) {
            int port = jar.awaitPort(Duration.ofSeconds(60));
            JsonNode account = call(port, "POST", "/v1/admin/accounts", "Bearer " + ADMIN,
                    "{\"name\":\"Durable\",\"institutionId\":\"durable\"}").path("data");
            basic = "Basic " + Base64.getEncoder().encodeToString((account.path("apiKey").asText() + ":"
                    + account.path("apiSecret").asText()).getBytes(StandardCharsets.UTF_8));
            String auth = basic;
            Thread writer = new Thread(() -> {
                for (int b = 0; b < 10_000; b++) {
                    attempted.set(b);
                    try {
                        JsonNode answer = call(port, "POST", "/v1/events", auth, batch(b, occurred));
                        if (answer.path("data").path("accepted").asInt() == BATCH) {
                            acknowledged.put(b, true);
                        }
                        JsonNode signal = call(port, "POST", "/v1/alpha/signals", auth, signalRequest(b));
                        if (signal.path("code").asText().equals("OK")) {
                            acknowledgedRequests.put(signal.path("data").path("id").asText(), true);
                        }
                    } catch (Exception killed) {
                        return;
                    }
                }
            }, "event-writer");
            writer.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < 8) {
                if (System.nanoTime() > deadline || !writer.isAlive()) {
                    throw new IllegalStateException("the service acknowledged only " + acknowledged.size() + " batches");
                }
                Thread.sleep(5);
            }
            jar.kill();
            writer.join(30_000);
        }

        int inFlight = attempted.get();
        assertThat(acknowledged).isNotEmpty();
        try (RunningJar restarted = RunningJar.start(env)) {
            int port = restarted.awaitPort(Duration.ofSeconds(60));
            for (int b = 0; b <= inFlight; b++) {
                JsonNode outcome = call(port, "POST", "/v1/events", basic, batch(b, occurred)).path("data");
                int accepted = outcome.path("accepted").asInt();
                int duplicates = outcome.path("duplicates").asInt();
                assertThat(outcome.path("rejected")).as("batch %d", b).isEmpty();
                if (acknowledged.containsKey(b)) {
                    assertThat(duplicates).as("acknowledged batch %d is all there", b).isEqualTo(BATCH);
                } else {
                    assertThat(accepted + duplicates).as("batch %d in flight at the kill", b).isEqualTo(BATCH);
                    assertThat(accepted).as("a batch is committed whole or not at all").isIn(0, BATCH);
                }
            }
            assertThat(acknowledgedRequests).isNotEmpty();
            for (String id : acknowledgedRequests.keySet()) {
                JsonNode stored = call(port, "GET", "/v1/alpha/signals/" + id, basic, null);
                assertThat(stored.path("code").asText()).as("acknowledged signal request %s", id).isEqualTo("OK");
            }
            // The index was rebuilt from the journal: the first batch's subject has its events.
            JsonNode signal = call(port, "POST", "/v1/alpha/signals", basic, signalRequest(0)).path("data");
            assertThat(signal.path("resultCode").asText()).isEqualTo("SUCCESS");
            assertThat(signal.path("result").path("events_loan_disbursement_day30").asInt()).isEqualTo(BATCH);
        }
    }

    private static String signalRequest(int batch) {
        ObjectNode request = JSON.createObjectNode();
        request.put("phone", phone(batch));
        ObjectNode consent = request.putObject("consent");
        consent.put("type", "T&C").put("version", "1").put("consentedWith", "I agree").put("consentedAt", "2024-08-08T16:06:00Z");
        return request.toString();
    }

    private static String phone(int batch) {
        return String.format("+6391760%05d", batch);
    }

    private static String batch(int b, Instant occurred) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (int i = 0; i < BATCH; i++) {
            ObjectNode e = events.addObject();
            e.put("eventId", "batch-" + b + "-" + i);
            e.put("type", "LOAN_DISBURSEMENT");
            e.put("occurredAt", occurred.toString());
            e.put("reportedAt", occurred.toString());
            e.put("phone", phone(b));
            e.put("amount", 1000 + i);
        }
        return body.toString();
    }

    private JsonNode call(int port, String method, String path, String authorization, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}

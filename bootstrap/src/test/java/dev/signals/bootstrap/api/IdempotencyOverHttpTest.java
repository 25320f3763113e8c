package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.persistence.DatabaseKind;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signal request sent again with its {@code Idempotency-Key} (issue 19), over HTTP on either database: the repeat is
 * answered with the stored request and says so, makes no second one, and is counted apart; a key used for another
 * question is a 422; a malformed key a 400; attempts of one key through two nodes at once make one request.
 */
class IdempotencyOverHttpTest {

    private static final String KEY = "Idempotency-Key";
    private static final Map<String, Object> CONSENT = Map.of("consentedWith", "I agree to ABC Company's Terms & Conditions",
            "consentedAt", "2024-08-08T16:06:00Z");
    private static final Map<String, Object> BODY = Map.of("phone", "+639171234567", "consent", CONSENT);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRepeatIsAnsweredWithTheStoredRequestAndAKeyIsForOneQuestionOnly(DatabaseKind kind, @TempDir Path dataDir) {
        try (var database = TestDatabases.create(kind);
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN))) {
            ApiClient node = ApiClient.anonymous(service.port());
            ApiClient lender = new NetworkAccounts(node).asker(node);

            var first = lender.post("/v1/alpha/signals", BODY, KEY, "order-1");
            var repeat = lender.post("/v1/alpha/signals", BODY, KEY, "\"order-1\"");
            var throughBeta = lender.post("/v1/beta/signals", BODY, KEY, "order-1");

            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.response().headers().firstValue("Idempotent-Replayed")).isEmpty();
            String id = first.data().path("id").asText();
            for (var again : List.of(repeat, throughBeta)) {
                assertThat(again.status()).as(again.toString()).isEqualTo(200);
                assertThat(again.response().headers().firstValue("Idempotent-Replayed")).contains("true");
                assertThat(again.data().path("id").asText()).isEqualTo(id);
                assertThat(again.data().path("createdAt")).isEqualTo(first.data().path("createdAt"));
                assertThat(again.body().path("requestId")).isNotEqualTo(first.body().path("requestId"));
            }
            assertThat(repeat.data()).as("the same answer, byte for byte").isEqualTo(first.data());
            assertThat(throughBeta.data().path("signalType").asText()).as("in the shape of the version asked").isEqualTo("Signal1");
            assertThat(throughBeta.data().has("items")).isTrue();
            assertThat(throughBeta.data().has("result")).isFalse();
            assertThat(signalRequests(lender)).containsExactly(id);

            var another = lender.post("/v1/alpha/signals", Map.of("phone", "+639181234567", "consent", CONSENT), KEY, "order-1");
            assertThat(another.status()).as(another.toString()).isEqualTo(422);
            assertThat(another.code()).isEqualTo("INVALID_PARAMETERS");
            JsonNode error = another.data().path("errors").path(0);
            assertThat(error.path("field").asText()).isEqualTo(KEY);
            assertThat(error.path("message").asText()).contains(id).contains("send a new key for a new request");

            for (String malformed : List.of("", "two words", "x".repeat(256))) {
                var refused = lender.post("/v1/alpha/signals", BODY, KEY, malformed);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
                assertThat(refused.data().path("errors").path(0).path("field").asText()).isEqualTo(KEY);
            }
            var otherKey = lender.post("/v1/alpha/signals", BODY, KEY, "order-2");
            var noKey = lender.post("/v1/alpha/signals", BODY);
            assertThat(List.of(otherKey.status(), noKey.status())).containsOnly(200);
            assertThat(signalRequests(lender)).hasSize(3).contains(id, otherKey.data().path("id").asText(),
                    noKey.data().path("id").asText());

            var metrics = PrometheusScrape.parse(node.getText("/metrics"));
            assertThat(metrics.value("signals_requests_repeated_total", "version", "alpha")).isEqualTo(1.0);
            assertThat(metrics.value("signals_requests_repeated_total", "version", "beta")).isEqualTo(1.0);
            assertThat(metrics.value("signals_requests_total", "version", "alpha", "status", "COMPLETED",
                    "result", "NO_DATA")).isEqualTo(3.0);
        }
    }

    /**
     * What HAProxy does when a node dies under a request, and a client that times out and retries does: attempts of
     * one key reach two nodes of one database at once. Each is answered with the one request stored.
     */
    @Test
    void attemptsOfOneKeyThroughTwoNodesAtOnceMakeOneRequest(@TempDir Path dataDirs) throws Exception {
        try (var database = TestDatabases.postgres();
             var one = SignalsService.start(new SignalsConfig(0, dataDirs.resolve("one"), database.settings(), ADMIN_TOKEN));
             var two = SignalsService.start(new SignalsConfig(0, dataDirs.resolve("two"), database.settings(), ADMIN_TOKEN))) {
            NetworkAccounts accounts = new NetworkAccounts(ApiClient.anonymous(one.port()));
            List<ApiClient> lenders = List.of(accounts.asker(ApiClient.anonymous(one.port())),
                    accounts.asker(ApiClient.anonymous(two.port())));
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 5; round++) {
                    String key = "attempt-" + round;
                    List<Future<ApiClient.Answer>> attempts = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        ApiClient lender = lenders.get(i % 2);
                        attempts.add(clients.submit(() -> lender.post("/v1/beta/signals", BODY, KEY, key)));
                    }
                    Set<String> ids = new HashSet<>();
                    int repeats = 0;
                    for (Future<ApiClient.Answer> attempt : attempts) {
                        var answer = attempt.get();
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                        ids.add(answer.data().path("id").asText());
                        repeats += answer.response().headers().firstValue("Idempotent-Replayed").isPresent() ? 1 : 0;
                    }
                    assertThat(ids).as("round " + round).hasSize(1);
                    assertThat(repeats).as("all but the one that stored it").isEqualTo(7);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(signalRequests(lenders.get(1))).hasSize(5);
        }
    }

    /** The ids of the lender's stored signal requests, newest first. */
    private static List<String> signalRequests(ApiClient lender) {
        var page = lender.get("/v1/alpha/signals?size=150");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.data().path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}

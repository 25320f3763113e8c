package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.adapter.rest.RestSettings;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.bootstrap.TcpProxyForTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static dev.signals.bootstrap.api.SignalsApiTest.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Past its limits the service says so and recovers; while its database is away it answers 503 and recovers. */
class OverloadAndFaultsTest {

    private static final RestSettings TIGHT = new RestSettings(2, 3, 3, Duration.ofMinutes(1), 16, 64);

    @Test
    void pastItsRateAnAccountGets429WithRetryAfterAndIsServedAgainAfterIt(@TempDir Path dataDir) throws Exception {
        try (var database = TestDatabases.h2();
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN).withRest(TIGHT))) {
            ApiClient anonymous = ApiClient.anonymous(service.port());
            ApiClient lender = client(anonymous, "busy");
            ApiClient other = client(anonymous, "calm");

            for (int i = 0; i < 3; i++) {
                assertThat(lender.get("/v1/alpha/signals").status()).isEqualTo(200);
            }
            var limited = lender.get("/v1/alpha/signals");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
            long retryAfter = Long.parseLong(limited.response().headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 2L);
            assertThat(other.get("/v1/alpha/signals").status()).as("another account is not limited").isEqualTo(200);

            Thread.sleep(retryAfter * 1_000);
            assertThat(lender.get("/v1/alpha/signals").status()).isEqualTo(200);
        }
    }

    @Test
    void repeatedWrongSecretsLockTheKeyButNotOthers(@TempDir Path dataDir) {
        try (var database = TestDatabases.h2();
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN).withRest(TIGHT))) {
            ApiClient anonymous = ApiClient.anonymous(service.port());
            JsonNode account = account(anonymous, "guessed");
            String key = account.path("apiKey").asText();
            ApiClient other = client(anonymous, "untouched");

            for (int i = 0; i < 3; i++) {
                assertThat(anonymous.basic(key, "guess-" + i).get("/v1/alpha/signals").status()).isEqualTo(401);
            }
            var locked = anonymous.basic(key, account.path("apiSecret").asText()).get("/v1/alpha/signals");
            assertThat(locked.status()).as("even the right secret waits out the window").isEqualTo(429);
            assertThat(locked.response().headers().firstValue("Retry-After")).isPresent();
            assertThat(other.get("/v1/alpha/signals").status()).isEqualTo(200);
        }
    }

    @Test
    void whilePostgresIsUnreachableEveryEndpointAnswers503AndAllRecoverWithoutARestart(@TempDir Path dataDir) throws Exception {
        try (var database = TestDatabases.postgres()) {
            URI target = URI.create(database.settings().url().substring("jdbc:".length()));
            try (var proxy = new TcpProxyForTests(target.getHost(), target.getPort()).open()) {
                String viaProxy = database.settings().url().replace(":" + target.getPort() + "/", ":" + proxy.port() + "/");
                // A short wait for a connection keeps the outage part of this test short; the default is 2 s.
                DatabaseSettings settings = new DatabaseSettings(viaProxy, null, null, database.settings().schema(), 10,
                        Duration.ofMillis(500), Duration.ofSeconds(10));
                try (var service = SignalsService.start(new SignalsConfig(0, dataDir, settings, ADMIN_TOKEN))) {
                    ApiClient anonymous = ApiClient.anonymous(service.port());
                    JsonNode account = account(anonymous, "steady");
                    ApiClient lender = anonymous.basic(account.path("apiKey").asText(), account.path("apiSecret").asText());
                    ApiClient admin = anonymous.bearer(ADMIN_TOKEN);
                    assertThat(lender.post("/v1/alpha/signals", request("+639171234567")).status()).isEqualTo(200);

                    proxy.cut();
                    List<ApiClient.Answer> down = List.of(
                            lender.post("/v1/alpha/signals", request("+639171234567")),
                            lender.get("/v1/beta/signals"),
                            lender.post("/v1/consentTemplates", Map.of("consentType", "T", "version", "1", "consentText", "x")),
                            lender.post("/v1/events", Map.of("events", List.of(Map.of("eventId", "e-1", "type", "MARKETING",
                                    "occurredAt", "2024-08-01T00:00:00Z", "phone", "+639171234567")))),
                            admin.post("/v1/admin/accounts", Map.of("name", "New", "institutionId", "new-lender")),
                            anonymous.get("/health"));
                    for (ApiClient.Answer answer : down) {
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                        assertThat(answer.code()).isEqualTo("SERVER_UNAVAILABLE");
                    }
                    // Once the pool has failed to connect, requests are refused at once (a probe now and then),
                    // instead of each waiting for a connection it cannot get: the pool's count of such waits
                    // grows by far less than the number of requests.
                    double waitsBefore = connectionTimeouts(anonymous);
                    for (int i = 0; i < 30; i++) {
                        assertThat(lender.post("/v1/alpha/signals", request("+639171234567")).status()).isEqualTo(503);
                    }
                    assertThat(connectionTimeouts(anonymous) - waitsBefore).isLessThan(15);

                    proxy.open();
                    // The pool retries with a back-off of up to a few seconds after a long outage.
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (anonymous.get("/health").status() != 200) {
                        assertThat(System.nanoTime()).as("recovered within 30 s").isLessThan(deadline);
                        Thread.sleep(200);
                    }
                    assertThat(lender.post("/v1/alpha/signals", request("+639171234567")).status()).isEqualTo(200);
                    assertThat(lender.post("/v1/events", Map.of("events", List.of(Map.of("eventId", "e-1", "type", "MARKETING",
                            "occurredAt", "2024-08-01T00:00:00Z", "phone", "+639171234567")))).data().path("accepted").asInt())
                            .as("nothing of the failed batch was stored").isEqualTo(1);
                    assertThat(admin.post("/v1/admin/accounts", Map.of("name", "New", "institutionId", "new-lender")).status())
                            .isEqualTo(201);
                }
            }
        }
    }

    /** How often a caller waited for a connection and got none: {@code hikaricp_connections_timeout_total}. */
    private static double connectionTimeouts(ApiClient anonymous) {
        PrometheusScrape scrape = PrometheusScrape.parse(anonymous.getText("/metrics"));
        assertThat(scrape.has("hikaricp_connections_timeout_total")).isTrue();
        return scrape.valueOrZero("hikaricp_connections_timeout_total", "pool", "signals-db");
    }

    private static JsonNode account(ApiClient anonymous, String institution) {
        var created = anonymous.bearer(ADMIN_TOKEN).post("/v1/admin/accounts", Map.of("name", institution, "institutionId", institution));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data();
    }

    private static ApiClient client(ApiClient anonymous, String institution) {
        JsonNode account = account(anonymous, institution);
        return anonymous.basic(account.path("apiKey").asText(), account.path("apiSecret").asText());
    }
}

package dev.signals.bootstrap.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.persistence.DatabaseKind;
import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.adapter.rest.RestSettings;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static dev.signals.bootstrap.api.SignalsApiTest.request;
import static org.assertj.core.api.Assertions.assertThat;

/** What is acknowledged stays: across pages while rows are being added, across restarts, out of the log. */
class SignalsApiDurabilityTest {

    /** This test hammers one account on purpose: no request rate limit. */
    static final RestSettings UNLIMITED = new RestSettings(0, 1, 10, java.time.Duration.ofMinutes(1), 64, 512);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void pagingThroughAThousandRequestsWhileMoreArriveReturnsEachExactlyOnce(DatabaseKind kind, @TempDir Path dataDir) throws Exception {
        try (var database = TestDatabases.create(kind);
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN)
                     .withRest(UNLIMITED))) {
            ApiClient lender = lender(ApiClient.anonymous(service.port()), "paging-lender");
            Set<String> first = new HashSet<>();
            for (int i = 0; i < 1_000; i++) {
                var created = lender.post("/v1/alpha/signals", request("+63917123" + String.format("%04d", i)));
                assertThat(created.status()).as(created.toString()).isEqualTo(200);
                first.add(created.data().path("id").asText());
            }

            AtomicBoolean paging = new AtomicBoolean(true);
            AtomicInteger addedMeanwhile = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (paging.get()) {
                    if (lender.post("/v1/alpha/signals", request("+639171239999")).status() == 200) {
                        addedMeanwhile.incrementAndGet();
                    }
                }
            }, "concurrent-writer");
            writer.start();

            List<String> seen = new ArrayList<>();
            String cursor = null;
            try {
                do {
                    var page = lender.get("/v1/alpha/signals?size=7" + (cursor == null ? "" : "&cursor=" + cursor));
                    assertThat(page.status()).as(page.toString()).isEqualTo(200);
                    page.data().path("items").forEach(item -> seen.add(item.path("id").asText()));
                    JsonNode next = page.data().path("nextCursor");
                    cursor = next.isNull() ? null : next.asText();
                } while (cursor != null);
            } finally {
                paging.set(false);
                writer.join();
            }

            assertThat(seen).doesNotHaveDuplicates();
            assertThat(seen).containsAll(first);
            assertThat(addedMeanwhile.get()).as("requests created while paging").isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anAccountItsConsentTemplateAndItsRequestSurviveARestart(DatabaseKind kind, @TempDir Path dataDir) {
        try (var database = TestDatabases.create(kind)) {
            DatabaseSettings settings = kind == DatabaseKind.H2
                    ? SignalsConfig.of(0, dataDir, null, null, null).database()
                    : database.settings();
            String key;
            String secret;
            String templateId;
            JsonNode stored;
            try (var service = SignalsService.start(new SignalsConfig(0, dataDir, settings, ADMIN_TOKEN))) {
                JsonNode account = createAccount(ApiClient.anonymous(service.port()), "restart-lender");
                key = account.path("apiKey").asText();
                secret = account.path("apiSecret").asText();
                ApiClient lender = ApiClient.anonymous(service.port()).basic(key, secret);
                templateId = lender.post("/v1/consentTemplates", Map.of("consentType", "T&C", "version", "1",
                        "consentText", "I agree")).data().path("id").asText();
                stored = lender.post("/v1/alpha/signals", request("+639171234567")).data();
            }
            try (var restarted = SignalsService.start(new SignalsConfig(0, dataDir, settings, ADMIN_TOKEN))) {
                ApiClient lender = ApiClient.anonymous(restarted.port()).basic(key, secret);
                var again = lender.get("/v1/alpha/signals/" + stored.path("id").asText());
                assertThat(again.status()).as(again.toString()).isEqualTo(200);
                assertThat(again.data()).isEqualTo(stored);
                assertThat(lender.get("/v1/consentTemplates").data().path("items").toString()).contains(templateId);
            }
        }
    }

    @Test
    void theAdminTokenSecretsAndPhoneNumbersNeverReachTheLog(@TempDir Path dataDir) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        // As the shipped logback.xml: the libraries below log request headers at DEBUG, so they stay at WARN.
        Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        ch.qos.logback.classic.Level jettyLevel = jetty.getLevel();
        jetty.setLevel(ch.qos.logback.classic.Level.WARN);
        root.addAppender(captured);
        String phone = "+639178889999";
        String secret;
        try (var database = TestDatabases.h2();
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN))) {
            ApiClient anonymous = ApiClient.anonymous(service.port());
            JsonNode account = createAccount(anonymous, "quiet-lender");
            secret = account.path("apiSecret").asText();
            ApiClient lender = anonymous.basic(account.path("apiKey").asText(), secret);
            lender.post("/v1/alpha/signals", request(phone));
            lender.post("/v1/alpha/signals", request("09178889999"));
            lender.get("/v1/alpha/signals?phone=" + phone.substring(1));
            lender.post("/v1/alpha/signals", request("+63917888999x"));
            anonymous.basic(account.path("apiKey").asText(), secret + "wrong").get("/v1/alpha/signals");
            anonymous.bearer(ADMIN_TOKEN + "x").get("/v1/admin/accounts/nobody/selection");
        } finally {
            root.detachAppender(captured);
            root.setLevel(level);
            jetty.setLevel(jettyLevel);
        }

        assertThat(captured.list).isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            // Everything a line carries in either log format: message, exception and the logging context (MDC).
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())
                    + event.getMDCPropertyMap();
            assertThat(line).doesNotContain(ADMIN_TOKEN).doesNotContain(secret)
                    .doesNotContain("8889999").doesNotContain("888999x");
        }
    }

    private static JsonNode createAccount(ApiClient anonymous, String institution) {
        var created = anonymous.bearer(ADMIN_TOKEN).post("/v1/admin/accounts", Map.of("name", institution, "institutionId", institution));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data();
    }

    private static ApiClient lender(ApiClient anonymous, String institution) {
        JsonNode account = createAccount(anonymous, institution);
        return anonymous.basic(account.path("apiKey").asText(), account.path("apiSecret").asText());
    }
}

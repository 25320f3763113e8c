package dev.signals.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.bootstrap.api.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar with {@code SIGNALS_LOG_FORMAT=json}: every line it writes is one JSON object, the lines
 * logged while a request is served carry its {@code X-Request-Id}, and no credential or phone number is
 * written, even at DEBUG. An unknown format is refused at start with a message naming it.
 */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "json-logs-admin-token-0123456789";
    private static final String PHONE = "+639174443333";

    @Test
    void everyLineIsJsonAndTheRequestsLinesCarryItsId(@TempDir Path dataDir) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        String secret;
        String failedRequestId;
        try (RunningJar jar = RunningJar.start(Map.of("SIGNALS_PORT", "0", "SIGNALS_DATA_DIR", dataDir.toString(),
                "SIGNALS_ADMIN_TOKEN", ADMIN_TOKEN, "SIGNALS_LOG_FORMAT", "json", "SIGNALS_LOG_LEVEL", "DEBUG"))) {
            int port = jar.awaitPort(Duration.ofSeconds(60));
            ApiClient anonymous = ApiClient.anonymous(port);
            var account = anonymous.bearer(ADMIN_TOKEN).post("/v1/admin/accounts",
                    Map.of("name", "Logged Lending", "institutionId", "logged-lending"));
            assertThat(account.status()).as(account.toString()).isEqualTo(201);
            secret = account.data().path("apiSecret").asText();
            ApiClient lender = anonymous.basic(account.data().path("apiKey").asText(), secret);
            var signals = lender.post("/v1/alpha/signals", Map.of("phone", PHONE, "consent", Map.of(
                    "type", "T&C", "version", "1", "consentedWith", "I agree", "consentedAt", "2024-08-08T16:06:00Z")));
            assertThat(signals.status()).as(signals.toString()).isEqualTo(200);
            lender.get("/v1/alpha/signals?phone=" + PHONE.substring(1));
            anonymous.basic(account.data().path("apiKey").asText(), secret + "wrong").get("/v1/catalog");
            anonymous.bearer(ADMIN_TOKEN + "x").get("/v1/admin/accounts/nobody/selection");
            var notFound = lender.get("/v1/no/such/path");
            failedRequestId = notFound.body().path("requestId").asText();

            jar.terminate(Duration.ofSeconds(30));
            for (String line : jar.output()) {
                lines.add(parse(line));
            }
        }

        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
                .contains("timestamp", "level", "threadName", "loggerName", "formattedMessage"));
        assertThat(lines).anySatisfy(line -> assertThat(line.path("formattedMessage").asText()).startsWith("Listening on port"));

        // Every access line names its request in the message and carries the same id in the MDC.
        List<JsonNode> access = lines.stream().filter(line -> line.path("loggerName").asText().equals("dev.signals.access")).toList();
        assertThat(access).hasSizeGreaterThanOrEqualTo(6);
        assertThat(access).allSatisfy(line -> {
            String id = line.path("mdc").path("requestId").asText();
            assertThat(id).isNotBlank();
            assertThat(line.path("formattedMessage").asText()).endsWith("request=" + id);
        });
        assertThat(access).anySatisfy(line -> assertThat(line.path("mdc").path("requestId").asText()).isEqualTo(failedRequestId));
        // Whatever else the request threads logged (the error mapper's, the application's lines) carries an id too.
        Set<String> requestThreads = access.stream().map(line -> line.path("threadName").asText()).collect(Collectors.toSet());
        assertThat(lines.stream().filter(line -> requestThreads.contains(line.path("threadName").asText())))
                .allSatisfy(line -> assertThat(line.path("mdc").path("requestId").asText()).as(line.toString()).isNotBlank());

        String all = lines.toString();
        assertThat(all).doesNotContain(ADMIN_TOKEN).doesNotContain(secret).doesNotContain("4443333");
    }

    @Test
    void anUnknownLogFormatStopsTheJarWithAMessageNamingIt(@TempDir Path dataDir) throws Exception {
        try (RunningJar jar = RunningJar.start(Map.of("SIGNALS_PORT", "0", "SIGNALS_DATA_DIR", dataDir.toString(),
                "SIGNALS_LOG_FORMAT", "xml"))) {
            assertThat(jar.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(String.join("\n", jar.output())).contains("SIGNALS_LOG_FORMAT must be plain or json, was 'xml'");
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
            return node;
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}

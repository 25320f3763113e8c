package dev.signals.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.adapter.rest.json.JsonMapping;
import dev.signals.adapter.rest.routes.HealthRoutes;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import dev.signals.application.port.in.HealthReport;
import dev.signals.application.port.in.IndexStatusQuery.IndexStatus;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HttpServerTest {

    private final ObjectMapper mapper = JsonMapping.objectMapper();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final AtomicReference<IndexStatus> index = new AtomicReference<>(new IndexStatus(true, "42", 7, Duration.ofMillis(120)));

    private Javalin app() {
        Responses responses = new Responses(mapper);
        Routes failing = app -> app.get("/boom", ctx -> {
            throw new IllegalStateException("secret internals");
        });
        Routes health = new HealthRoutes(() -> new HealthReport(databaseUp.get(), "H2", index.get()), responses);
        return new HttpServer(mapper, Set.of(health, failing)).javalin();
    }

    @Test
    void healthIsOkInTheEnvelopeWhileTheDatabaseAnswers() {
        JavalinTest.test(app(), (server, client) -> {
            try (Response response = client.get("/health")) {
                JsonNode body = json(response);
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("Content-Type")).startsWith("application/json").containsIgnoringCase("charset=utf-8");
                assertThat(body.get("code").asText()).isEqualTo("OK");
                assertThat(body.get("message").asText()).isEqualTo("Success!");
                assertThat(body.get("requestId").asText()).isEqualTo(response.header("X-Request-Id")).matches("[0-9a-f]{32}");
                assertThat(body.get("data").get("status").asText()).isEqualTo("UP");
                assertThat(body.get("data").get("index").toString()).isEqualTo("{\"position\":\"42\",\"events\":7,\"lagSeconds\":0.12}");
            }
        });
    }

    @Test
    void healthIs503WhileTheNodeStartsAndWhenItsIndexFallsBehind() {
        index.set(new IndexStatus(false, "start", 500, null));
        JavalinTest.test(app(), (server, client) -> {
            try (Response response = client.get("/health")) {
                assertThat(response.code()).isEqualTo(503);
                assertThat(json(response).get("message").asText()).contains("starting").contains("500 events");
            }
            index.set(new IndexStatus(true, "42", 500, Duration.ofSeconds(30)));
            try (Response response = client.get("/health")) {
                assertThat(response.code()).isEqualTo(503);
                assertThat(json(response).get("message").asText()).contains("30000 ms behind");
            }
        });
    }

    @Test
    void healthIs503ServerUnavailableWhenTheDatabaseDoesNotAnswer() {
        databaseUp.set(false);
        JavalinTest.test(app(), (server, client) -> {
            try (Response response = client.get("/health")) {
                JsonNode body = json(response);
                assertThat(response.code()).isEqualTo(503);
                assertThat(body.get("code").asText()).isEqualTo("SERVER_UNAVAILABLE");
                assertThat(body.get("data").isObject()).isTrue();
                assertThat(body.get("data").size()).isZero();
            }
        });
    }

    @Test
    void anUnknownPathIs404MissingResourceInTheEnvelope() {
        JavalinTest.test(app(), (server, client) -> {
            try (Response response = client.get("/v1/nothing/here")) {
                JsonNode body = json(response);
                assertThat(response.code()).isEqualTo(404);
                assertThat(body.get("code").asText()).isEqualTo("MISSING_RESOURCE");
                assertThat(body.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
                assertThat(body.get("data").size()).isZero();
            }
        });
    }

    @Test
    void aWrongMethodOnAKnownPathIs405UnsupportedMethod() {
        JavalinTest.test(app(), (server, client) -> {
            try (Response response = client.request("/health", builder -> builder.delete())) {
                JsonNode body = json(response);
                assertThat(response.code()).isEqualTo(405);
                assertThat(body.get("code").asText()).isEqualTo("UNSUPPORTED_METHOD");
                assertThat(body.get("message").asText()).contains("DELETE");
            }
        });
    }

    @Test
    void anUnexpectedFailureIs500WithoutAStackTraceOrItsMessage() {
        JavalinTest.test(app(), (server, client) -> {
            try (Response response = client.get("/boom")) {
                String text = response.body().string();
                JsonNode body = mapper.readTree(text);
                assertThat(response.code()).isEqualTo(500);
                assertThat(body.get("code").asText()).isEqualTo("SERVER_ERROR");
                assertThat(text).doesNotContain("secret internals").doesNotContain("at dev.signals").doesNotContain("Exception");
            }
        });
    }

    @Test
    void aClientsSafeRequestIdIsReusedAndAnUnsafeOneReplaced() {
        JavalinTest.test(app(), (server, client) -> {
            try (Response response = client.request("/health", builder -> builder.header("X-Request-Id", "client-42.a:b"))) {
                assertThat(response.header("X-Request-Id")).isEqualTo("client-42.a:b");
                assertThat(json(response).get("requestId").asText()).isEqualTo("client-42.a:b");
            }
            try (Response response = client.request("/health", builder -> builder.header("X-Request-Id", "<script>alert(1)</script>"))) {
                assertThat(response.header("X-Request-Id")).matches("[0-9a-f]{32}");
            }
            try (Response response = client.request("/health", builder -> builder.header("X-Request-Id", "x".repeat(65)))) {
                assertThat(response.header("X-Request-Id")).matches("[0-9a-f]{32}");
            }
        });
    }

    @Test
    void everyRequestGetsItsOwnId() {
        JavalinTest.test(app(), (server, client) -> {
            String first;
            try (Response response = client.get("/health")) {
                first = response.header("X-Request-Id");
            }
            try (Response response = client.get("/health")) {
                assertThat(response.header("X-Request-Id")).isNotEqualTo(first);
            }
        });
    }

    @Test
    void aPostToAGetOnlyPathIs405EvenWithABody() {
        JavalinTest.test(app(), (server, client) -> {
            Request request = new Request.Builder().url(client.getOrigin() + "/health")
                    .post(RequestBody.create("{}", okhttp3.MediaType.get("application/json"))).build();
            try (Response response = client.getOkHttp().newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(405);
                assertThat(json(response).get("code").asText()).isEqualTo("UNSUPPORTED_METHOD");
            }
        });
    }

    private JsonNode json(Response response) throws IOException {
        return mapper.readTree(response.body().string());
    }
}

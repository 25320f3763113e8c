package dev.signals.adapter.rest.server;

import dev.signals.adapter.rest.ApiClient;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.Bodies;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.RawHttp;
import dev.signals.adapter.rest.RawHttp.Exchange;
import dev.signals.adapter.rest.TestApp;
import dev.signals.application.port.StorageUnavailableException;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.signals.adapter.rest.InMemoryApplication.SUBJECT_WITH_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API answers with personal data (a signal request's {@code requestMeta}, its explanation) and so does nothing
 * of it go into a cache: every answer the service makes is {@code Cache-Control: no-store}, success or error,
 * under {@code /v1} and beside it; only the published documents ({@code /openapi.json}, {@code /docs}) are kept and
 * revalidated by their ETag.
 */
class CacheControlTest {

    private static final String NO_STORE = "no-store";

    private final InMemoryApplication application = new InMemoryApplication();

    @Test
    void everySignalRequestAnswerIsNoStoreAlphaAndBetaExplainedOrNot() {
        TestApp.test(application, api -> {
            List<Answer> answers = new ArrayList<>();
            String explained = "{\"phone\": \"" + SUBJECT_WITH_EVENTS + "\", \"explain\": true, \"consent\": " + Bodies.CONSENT + "}";
            for (String version : new String[]{"alpha", "beta"}) {
                Answer created = api.post("/v1/" + version + "/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS));
                Answer createdExplained = api.post("/v1/" + version + "/signals", explained);
                answers.add(created);
                answers.add(createdExplained);
                answers.add(api.get("/v1/" + version + "/signals/" + created.data().get("id").asText()));
                answers.add(api.get("/v1/" + version + "/signals/" + createdExplained.data().get("id").asText()));
                answers.add(api.get("/v1/" + version + "/signals"));
                answers.add(api.get("/v1/" + version + "/signals?phone=%2B639171234567&size=1"));
            }
            for (Answer answer : answers) {
                assertThat(answer.status()).as(answer.text()).isEqualTo(200);
                assertThat(answer.data().toString()).contains("requestMeta");
                assertThat(answer.header("Cache-Control")).as(answer.text()).isEqualTo(NO_STORE);
            }
        });
    }

    @Test
    void everyOtherApiAnswerIsNoStore() {
        TestApp.test(application, api -> {
            ApiClient admin = api.asAdmin();
            Answer consentTemplate = api.post("/v1/consentTemplates", Bodies.consentTemplate("Motor"));
            List<Answer> answers = List.of(
                    api.get("/v1/catalog"),
                    consentTemplate,
                    api.get("/v1/consentTemplates"),
                    api.delete("/v1/consentTemplates/" + consentTemplate.data().get("id").asText()),
                    api.post("/v1/events", "{\"events\": [{\"eventId\": \"e-0\", \"type\": \"OVERDUE\"}]}"),
                    api.post("/v1/events/retractions", "{\"retractions\": [{\"eventId\": \"e-0\"}]}"),
                    admin.post("/v1/admin/accounts", "{\"name\": \"New\", \"institutionId\": \"new-1\"}"),
                    admin.get("/v1/admin/accounts/acc-acme/selection"),
                    admin.put("/v1/admin/accounts/acc-acme/selection", "{\"signals\": [\"events_overdue_day30\"]}"),
                    admin.get("/v1/admin/accounts/acc-acme/templates"),
                    admin.put("/v1/admin/accounts/acc-acme/templates/tpl-x", "{\"signals\": [\"events_overdue_day30\"]}"));
            for (Answer answer : answers) {
                assertThat(answer.status()).as(answer.text()).isBetween(200, 201);
                assertThat(answer.header("Cache-Control")).as(answer.text()).isEqualTo(NO_STORE);
            }
        });
    }

    @Test
    void everyErrorIsNoStoreToo() {
        TestApp.test(application, api -> {
            List<Answer> answers = new ArrayList<>();
            answers.add(api.post("/v1/alpha/signals", "{\"phone\": "));                                  // 400
            answers.add(api.authorizedBy(null).get("/v1/alpha/signals"));                                   // 401
            answers.add(api.asAdmin().authorizedBy("Bearer wrong").get("/v1/admin/accounts/acc-acme/selection")); // 401
            answers.add(api.get("/v1/alpha/signals/signal-00000000000000000000000000000000"));              // 404
            answers.add(api.get("/v1/nothing/here"));                                                       // 404
            answers.add(api.get("/v1/events"));                                                             // 405
            application.failNextCallWith(new StorageUnavailableException("down", new RuntimeException()));
            answers.add(api.get("/v1/catalog"));                                                            // 503
            application.failNextCallWith(new IllegalStateException("a bug"));
            answers.add(api.get("/v1/catalog"));                                                            // 500
            application.indexReady = false;
            answers.add(api.get("/v1/catalog"));                                                            // 503 starting
            application.indexReady = true;
            assertThat(answers).extracting(Answer::status).containsExactly(400, 401, 401, 404, 404, 405, 503, 500, 503);
            for (Answer answer : answers) {
                assertThat(answer.header("Cache-Control")).as(answer.text()).isEqualTo(NO_STORE);
            }
        });
    }

    @Test
    void answersBesideTheApiAreNoStoreButTheDocumentsWhichAreRevalidated() {
        JavalinTest.test(TestApp.over(application), (server, client) -> {
            ApiClient api = new ApiClient(client).authorizedBy(null);
            assertThat(api.get("/health").header("Cache-Control")).isEqualTo(NO_STORE);
            assertThat(api.get("/nothing").header("Cache-Control")).isEqualTo(NO_STORE);
            try (var metrics = client.get("/metrics")) {
                assertThat(metrics.header("Cache-Control")).isEqualTo(NO_STORE);
            }
            for (String document : List.of("/openapi.json", "/docs", "/docs/swagger-initializer.js")) {
                try (var response = client.get(document)) {
                    assertThat(response.code()).isEqualTo(200);
                    assertThat(response.header("Cache-Control")).as(document).isEqualTo("no-cache");
                    assertThat(response.header("ETag")).as(document).isNotBlank();
                }
            }
        });
    }

    @Test
    void anAnswerJettyMakesItselfToMalformedHttpIsNoStore() {
        JavalinTest.test(TestApp.over(application), (server, client) -> {
            Exchange answer = new RawHttp(client.getOrigin()).sendRaw(
                    "GET /health HTTP/1.1\r\nHost: localhost\r\nBad\u0001Header: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"code\":\"INVALID_PARAMETERS\"");
            assertThat(answer.header("Cache-Control")).isEqualTo(NO_STORE);
        });
    }
}

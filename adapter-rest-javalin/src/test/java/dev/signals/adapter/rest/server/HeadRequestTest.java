package dev.signals.adapter.rest.server;

import dev.signals.adapter.rest.ApiClient;
import dev.signals.adapter.rest.Bodies;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.RawHttp;
import dev.signals.adapter.rest.RawHttp.Exchange;
import dev.signals.adapter.rest.RestSettings;
import dev.signals.adapter.rest.TestApp;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.signals.adapter.rest.InMemoryApplication.SUBJECT_WITH_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code HEAD} on a path {@code GET} serves answers what {@code GET} would, status and headers (Content-Type,
 * Content-Length, Cache-Control, the request id, a document's ETag...), and no body; credentials and rate limits
 * are checked as for {@code GET}. Each pair is sent with the same {@code X-Request-Id}, so that the two answers may
 * differ only in their Date.
 */
class HeadRequestTest {

    private static final String CLIENT = ApiClient.basic(InMemoryApplication.ACME.apiKey(), InMemoryApplication.ACME_SECRET);
    private static final String ADMIN = "Bearer " + InMemoryApplication.ADMIN_TOKEN;

    private final InMemoryApplication application = new InMemoryApplication();

    @Test
    void headAnswersEveryGetPathWithGetsStatusAndHeadersAndNoBody() {
        JavalinTest.test(TestApp.over(application), (server, client) -> {
            ApiClient api = new ApiClient(client);
            String alpha = api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS)).data().get("id").asText();
            api.post("/v1/consentTemplates", Bodies.consentTemplate("Motor"));
            RawHttp http = new RawHttp(client.getOrigin());

            for (String path : List.of("/v1/catalog", "/v1/alpha/signals", "/v1/alpha/signals/" + alpha, "/v1/beta/signals",
                    "/v1/beta/signals/" + alpha, "/v1/alpha/signals?size=1&phone=%2B639171234567", "/v1/consentTemplates")) {
                assertSameAnswer(http, path, "Authorization", CLIENT);
            }
            assertSameAnswer(http, "/v1/admin/accounts/acc-acme/selection", "Authorization", ADMIN);
            assertSameAnswer(http, "/v1/admin/accounts/acc-acme/templates", "Authorization", ADMIN);
            for (String path : List.of("/health", "/openapi.json", "/docs", "/docs/index.css", "/docs/favicon-16x16.png")) {
                assertSameAnswer(http, path);
            }
        });
    }

    @Test
    void aLargeAnswerAndACompressedOneHaveTheirHeadsToo() {
        JavalinTest.test(TestApp.over(application), (server, client) -> {
            RawHttp http = new RawHttp(client.getOrigin());
            assertSameAnswer(http, "/docs/swagger-ui-bundle.js");
            assertSameAnswer(http, "/docs/swagger-ui-bundle.js", "Accept-Encoding", "gzip");
            assertSameAnswer(http, "/v1/catalog", "Authorization", CLIENT, "Accept-Encoding", "gzip");
        });
    }

    @Test
    void headOfAnUnknownIdOrPathIs404AsGetIs() {
        JavalinTest.test(TestApp.over(application), (server, client) -> {
            RawHttp http = new RawHttp(client.getOrigin());
            Exchange unknownId = assertSameAnswer(http, "/v1/alpha/signals/signal-00000000000000000000000000000000",
                    "Authorization", CLIENT);
            assertThat(unknownId.status()).isEqualTo(404);
            Exchange anotherAccounts = assertSameAnswer(http, "/v1/admin/accounts/acc-nobody/selection", "Authorization", ADMIN);
            assertThat(anotherAccounts.status()).isEqualTo(404);
            assertThat(assertSameAnswer(http, "/v1/nothing/here", "Authorization", CLIENT).status()).isEqualTo(404);
            assertThat(assertSameAnswer(http, "/docs/nothing.js").status()).isEqualTo(404);
        });
    }

    @Test
    void headNeedsTheCredentialsGetNeeds() {
        JavalinTest.test(TestApp.over(application), (server, client) -> {
            RawHttp http = new RawHttp(client.getOrigin());
            Exchange none = assertSameAnswer(http, "/v1/catalog");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).startsWith("Basic");
            Exchange wrongToken = assertSameAnswer(http, "/v1/admin/accounts/acc-acme/selection", "Authorization", "Bearer wrong");
            assertThat(wrongToken.status()).isEqualTo(401);
            Exchange clientOnAdmin = assertSameAnswer(http, "/v1/admin/accounts/acc-acme/selection", "Authorization", CLIENT);
            assertThat(clientOnAdmin.status()).isEqualTo(401);
        });
    }

    @Test
    void headCountsAgainstTheRateLimitAsGetDoes() {
        // A burst of two and a refill too slow to matter within the test: the third request of the account is refused.
        RestSettings twoRequests = new RestSettings(0.001, 2, 10, Duration.ofMinutes(1), 16, 64);
        Javalin app = TestApp.over(application, twoRequests);
        JavalinTest.test(app, (server, client) -> {
            RawHttp http = new RawHttp(client.getOrigin());
            assertThat(http.send("HEAD", "/v1/catalog", "Authorization", CLIENT).status()).isEqualTo(200);
            assertThat(http.send("HEAD", "/v1/catalog", "Authorization", CLIENT).status()).isEqualTo(200);

            Exchange refused = http.send("HEAD", "/v1/catalog", "Authorization", CLIENT);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
            assertThat(refused.body()).isEmpty();
            assertThat(http.send("GET", "/v1/catalog", "Authorization", CLIENT).status()).isEqualTo(429);
        });
    }

    @Test
    void aConditionalHeadOfADocumentIs304AsGetIs() {
        JavalinTest.test(TestApp.over(application), (server, client) -> {
            RawHttp http = new RawHttp(client.getOrigin());
            String etag = http.send("GET", "/openapi.json").header("ETag");

            Exchange notModified = assertSameAnswer(http, "/openapi.json", "If-None-Match", etag);
            assertThat(notModified.status()).isEqualTo(304);
        });
    }

    @Test
    void headOnAPathWithoutGetIs405AsGetIs() {
        JavalinTest.test(TestApp.over(application), (server, client) -> {
            RawHttp http = new RawHttp(client.getOrigin());
            Exchange head = http.send("HEAD", "/v1/events", "Authorization", CLIENT);
            Exchange get = http.send("GET", "/v1/events", "Authorization", CLIENT);

            assertThat(head.status()).isEqualTo(405).isEqualTo(get.status());
            assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
            assertThat(head.body()).isEmpty();
        });
    }

    /** GET, then HEAD, of {@code path}; asserts HEAD's answer is GET's but for its Date and its missing body. Returns HEAD's. */
    private static Exchange assertSameAnswer(RawHttp http, String path, String... headers) {
        String[] withId = new String[headers.length + 2];
        System.arraycopy(headers, 0, withId, 0, headers.length);
        withId[headers.length] = "X-Request-Id";
        withId[headers.length + 1] = "head-test-" + Math.abs(path.hashCode());
        Exchange get = http.send("GET", path, withId);
        Exchange head = http.send("HEAD", path, withId);

        assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status());
        assertThat(head.headersBut("Date")).as("HEAD " + path).isEqualTo(get.headersBut("Date"));
        assertThat(head.body()).as("HEAD " + path).isEmpty();
        return head;
    }
}

package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browsable API page at {@code /docs}: Swagger UI served by the service itself, under a
 * Content-Security-Policy, loading {@code /openapi.json}; and, in headless Chromium, the page as a person
 * sees it: the document's title and every one of its operations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsPageTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceOnH2 service;
    private String base;

    @BeforeAll
    void start() throws Exception {
        service = ServiceOnH2.start("admin-token-for-docs-0123456789");
        base = service.base();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void theDocsPageAndItsFilesComeFromTheServiceItselfUnderASecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/docs", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("/docs/swagger-ui-bundle.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/docs/", null).body()).isEqualTo(page.body());

        HttpResponse<String> bundle = get("/docs/swagger-ui-bundle.js", null);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(get("/docs/swagger-initializer.js", null).body()).contains("\"/openapi.json\"").contains("validatorUrl: null");
        assertThat(get("/docs/swagger-ui.css", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnchangedFileIsAnswered304AgainstItsETag() throws Exception {
        for (String path : List.of("/docs/swagger-ui-bundle.js", "/openapi.json")) {
            HttpResponse<String> first = get(path, null);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

            HttpResponse<String> again = get(path, etag);

            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(get(path, "\"something-else\"").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anyOtherPathUnderDocsIs404InTheEnvelope() throws Exception {
        // swagger-ui.js is in the WebJar but not one of the files the page uses: not served either.
        for (String path : List.of("/docs/nothing.js", "/docs/swagger-ui.js", "/docs/..%2Fopenapi.json", "/docs/a/b",
                "/docs/META-INF", "/docs/versions.properties")) {
            HttpResponse<String> answer = get(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            JsonNode body = ApiClient.JSON.readTree(answer.body());
            assertThat(body.path("code").asText()).as(path).isEqualTo("MISSING_RESOURCE");
            assertThat(body.path("requestId").asText()).isNotEmpty();
        }
    }

    @Test
    void headlessChromiumShowsTheDocumentsTitleAndEveryOperation() throws Exception {
        Chromium chromium = Chromium.required();
        JsonNode document = ApiClient.JSON.readTree(get("/openapi.json", null).body());

        String dom = chromium.dumpDom(base + "/docs");
        // Kept for whoever reads a failure: the page as Chromium built it.
        Files.writeString(Path.of("target", "docs-page.dom.html"), dom);

        // The info block Swagger UI renders from the document it loaded: title, version, OpenAPI version.
        assertThat(dom).as("the page's DOM")
                .contains("class=\"title\">" + document.path("info").path("title").asText())
                .contains(document.path("info").path("version").asText())
                .contains("OAS 3.1");
        List<String> missing = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String operationId = operation.getValue().path("operationId").asText();
            // Swagger UI renders each operation as an opblock whose id ends with its operationId.
            if (!dom.contains("-" + operationId + "\"") || !dom.contains("data-path=\"" + path.getKey() + "\"")) {
                missing.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(missing).as("operations the page does not show").isEmpty();
        assertThat(dom).as("the Authorize button of the security schemes").contains("btn authorize");
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

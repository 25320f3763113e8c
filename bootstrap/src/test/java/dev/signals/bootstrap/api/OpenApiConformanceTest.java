package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.adapter.rest.HttpServer;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document served at {@code /openapi.json} against the running service (H2), so that neither can
 * drift from the other: the document is valid OpenAPI 3.1; it lists exactly the routes the service serves;
 * every operation is called for real, with the document's own examples for success and with the requests that
 * provoke each client error it documents (400, 401, 404, 413, 415, 429), and also unknown paths (404) and
 * methods (405); each request and each answer is validated against the document. Only the server failures
 * (500, 503) are left uncalled. A deliberately wrong answer is shown to be reported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiConformanceTest {

    static final String ADMIN_TOKEN = "admin-token-for-openapi-0123456789";
    /** The API page, and the Prometheus metrics (README "Metrics"; MetricsApiTest): outside the API, named in its description. */
    private static final Set<String> NOT_IN_THE_DOCUMENT = Set.of("GET /docs", "GET /docs/{file}", "GET /metrics");
    private static final Set<Integer> SERVER_FAILURES = Set.of(500, 503);
    private static final String ZEROS = "00000000000000000000000000000000";

    private ServiceOnH2 service;
    private String documentText;
    private OpenApiContract contract;
    private ApiClient anonymous;
    private ApiClient admin;
    private ApiClient lender;
    private String lenderAccountId;
    /** The real ids the walk created, by path parameter, for calls that need an existing resource. */
    private final Map<String, String> existing = new HashMap<>();
    /** For each operation, the statuses it was seen answering. */
    private final Map<String, Set<Integer>> exercised = new TreeMap<>();

    @BeforeAll
    void start() throws Exception {
        service = ServiceOnH2.start(ADMIN_TOKEN);
        anonymous = service.anonymous();
        admin = service.admin();
        documentText = anonymous.get("/openapi.json").response().body();
        contract = OpenApiContract.of(documentText);
        var created = admin.post("/v1/admin/accounts", Map.of("name", "Conformance Lending", "institutionId", "conformance-lending"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        lenderAccountId = created.data().path("id").asText();
        lender = anonymous.basic(created.data().path("apiKey").asText(), created.data().path("apiSecret").asText());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    // --- the document itself ------------------------------------------------------------------------

    @Test
    @Order(1)
    void theServedDocumentIsValidOpenApi31WithValidJsonSchemas() {
        assertThat(OpenApiContract.parserMessages(documentText)).isEmpty();
        assertThat(contract.componentSchemaProblems()).isEmpty();
        JsonNode document = contract.document();
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Signals API");
        assertThat(document.path("info").path("version").asText()).matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
        assertThat(document.path("components").path("securitySchemes").path("basicAuth").path("scheme").asText()).isEqualTo("basic");
        assertThat(document.path("components").path("securitySchemes").path("adminToken").path("scheme").asText()).isEqualTo("bearer");
    }

    @Test
    @Order(2)
    void theDocumentListsExactlyTheRoutesTheServiceServes() {
        Set<String> served = servedRoutes();
        served.removeAll(NOT_IN_THE_DOCUMENT);

        assertThat(contract.operations()).containsExactlyInAnyOrderElementsOf(served);
    }

    // --- success, with the document's own examples --------------------------------------------------

    @Test
    @Order(3)
    void everyOperationSucceedsAsDocumentedWithTheDocumentsOwnExamples() {
        ok(anonymous, "GET", "/health", null, 200);
        ok(anonymous, "GET", "/openapi.json", null, 200);

        var batch = ok(lender, "POST", "/v1/events", example("/v1/events", "post"), 200);
        assertThat(batch.data().path("accepted").asInt()).isEqualTo(1);
        ok(lender, "POST", "/v1/events", "{\"events\": [{\"eventId\": \"backfilled-overdue\", \"type\": \"OVERDUE\","
                + " \"occurredAt\": \"2024-07-30T08:00:00Z\", \"reportedAt\": \"2024-07-30T09:00:00Z\", \"phone\": \"+639171234567\","
                + " \"amount\": 1520.50, \"overdueDays\": 12, \"autoRepayment\": false}]}", 200);
        var rejected = exchange(lender, "POST", "/v1/events", "{\"events\": [{\"eventId\": \"no-type\"}]}", "application/json", 200, false);
        assertThat(rejected.data().path("rejected")).hasSize(1);
        String ndjson = contract.document().at("/paths/~1v1~1events/post/requestBody/content/application~1x-ndjson/example").asText();
        exchange(lender, "POST", "/v1/events", ndjson, "application/x-ndjson", 200, true);

        String alphaId = ok(lender, "POST", "/v1/alpha/signals", example("/v1/alpha/signals", "post"), 200).data().path("id").asText();
        var beta = ok(lender, "POST", "/v1/beta/signals", example("/v1/beta/signals", "post"), 200);
        assertThat(beta.data().path("resultCode").asText()).isEqualTo("SUCCESS");
        existing.put("id", alphaId);
        for (String version : List.of("alpha", "beta")) {
            var page = ok(lender, "GET", "/v1/" + version + "/signals?size=1&phone=" + encode("+639171234567")
                    + "&startDate=2024-01-01&endDate=" + LocalDate.now(ZoneOffset.UTC), null, 200);
            ok(lender, "GET", "/v1/" + version + "/signals?size=1&cursor=" + encode(page.data().path("nextCursor").asText()), null, 200);
            ok(lender, "GET", "/v1/" + version + "/signals?signalId=" + alphaId, null, 200);
            ok(lender, "GET", "/v1/" + version + "/signals?phone=09171234567&countryCode=PH", null, 200);
            ok(lender, "GET", "/v1/" + version + "/signals/" + alphaId, null, 200);
        }
        ok(lender, "GET", "/v1/beta/signals?signalType=Signal1", null, 200);
        ok(lender, "GET", "/v1/beta/signals?signalType=Signal3", null, 200);
        exchange(lender, "GET", "/v1/beta/signals?signalType=Signal4", null, null, 400, false);
        ok(lender, "GET", "/v1/catalog", null, 200);

        String consentTemplateId = ok(lender, "POST", "/v1/consentTemplates", example("/v1/consentTemplates", "post"), 201)
                .data().path("id").asText();
        ok(lender, "GET", "/v1/consentTemplates?size=1", null, 200);
        ObjectNode byTemplate = (ObjectNode) json(example("/v1/alpha/signals", "post"));
        byTemplate.set("consent", json("{\"consentedWith\": \"I agree\", \"consentedAt\": \"2024-08-08T16:06:00Z\", \"consentTemplateId\": \""
                + consentTemplateId + "\"}"));
        ok(lender, "POST", "/v1/alpha/signals", byTemplate.toString(), 200);
        ok(lender, "DELETE", "/v1/consentTemplates/" + consentTemplateId, null, 200);

        ok(admin, "POST", "/v1/admin/accounts", example("/v1/admin/accounts", "post"), 201);
        String account = "/v1/admin/accounts/" + lenderAccountId;
        ok(admin, "GET", account + "/selection", null, 200);
        ok(admin, "PUT", account + "/selection", example("/v1/admin/accounts/{accountId}/selection", "put"), 200);
        ok(admin, "PUT", account + "/templates/tpl-docs-example", example("/v1/admin/accounts/{accountId}/templates/{templateId}", "put"), 200);
        ok(admin, "GET", account + "/templates", null, 200);

        // The backfilled overdue, as of days later, through the BAND template: a STRING item.
        ObjectNode banded = (ObjectNode) json(example("/v1/beta/signals", "post"));
        banded.put("templateId", "tpl-docs-example");
        banded.put("asOf", "2024-08-09T00:00:00Z");
        var items = ok(lender, "POST", "/v1/beta/signals", banded.toString(), 200).data().path("items");
        assertThat(items.toString()).contains("\"valueType\":\"STRING\"").contains("\"value\":\"A2\"");
        // And the alpha shape of the new selection, with values.
        ok(lender, "POST", "/v1/alpha/signals", example("/v1/alpha/signals", "post"), 200);

        // Explained, in both shapes, and read back: evidence and explanation as documented.
        for (String version : List.of("alpha", "beta")) {
            ObjectNode explained = (ObjectNode) json(example("/v1/" + version + "/signals", "post"));
            explained.put("explain", true);
            var answer = ok(lender, "POST", "/v1/" + version + "/signals", explained.toString(), 200);
            assertThat(answer.data().path("evidence")).isNotEmpty();
            ok(lender, "GET", "/v1/" + version + "/signals/" + answer.data().path("id").asText(), null, 200);
        }
        // A retraction, last: the example's event is withdrawn (as of now; the requests above are as they were).
        var retraction = ok(lender, "POST", "/v1/events/retractions", example("/v1/events/retractions", "post"), 200);
        assertThat(retraction.data().path("retracted").asInt()).isEqualTo(1);
    }

    // --- the client errors each operation documents --------------------------------------------------

    @Test
    @Order(4)
    void everyOperationAnswersTheClientErrorsItDocumentsAsDocumented() throws Exception {
        ApiClient lockedKey = anonymous.basic("key_locked_by_the_conformance_test", "wrong-secret");
        for (int attempt = 0; attempt < 10; attempt++) {
            exchange(lockedKey, "GET", "/v1/catalog", null, null, 401, true);
        }
        existing.putIfAbsent("accountId", lenderAccountId);
        existing.putIfAbsent("templateId", "tpl-docs-example");
        for (String operation : contract.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            Set<Integer> documented = documentedStatuses(operation);
            boolean adminOperation = template.startsWith("/v1/admin/");
            ApiClient authorized = adminOperation ? admin : lender;
            String path = fill(template, existing);
            String body = hasBody(operation) ? example(template, method.toLowerCase(Locale.ROOT)) : null;
            String type = body == null ? null : "application/json";

            if (documented.contains(401)) {
                exchange(anonymous, method, path, body, type, 401, true);
            }
            if (documented.contains(429) && !adminOperation) {
                exchange(lockedKey, method, path, body, type, 429, true);
            }
            if (documented.contains(404)) {
                exchange(authorized, method, fill(template, unknownIds()), body, type, 404, true);
            }
            if (documented.contains(415)) {
                exchange(authorized, method, path, "phone=+639171234567", "text/plain", 415, false);
            }
            if (documented.contains(413)) {
                int limit = template.startsWith("/v1/events") ? 16 * 1024 * 1024 : 1024 * 1024;
                exchange(authorized, method, path, "{\"padding\": \"" + "x".repeat(limit) + "\"}", "application/json", 413, false);
            }
            if (documented.contains(422)) {
                // An Idempotency-Key sent again: with the same body the stored request again, with another a 422.
                Map<String, String> key = Map.of("Idempotency-Key", "conformance-" + template);
                var first = exchange(authorized, method, path, body, type, key, 200, true);
                var repeat = exchange(authorized, method, path, body, type, key, 200, true);
                assertThat(repeat.response().headers().firstValue("Idempotent-Replayed")).contains("true");
                assertThat(repeat.data().path("id")).isEqualTo(first.data().path("id"));
                ObjectNode another = (ObjectNode) ApiClient.JSON.readTree(body);
                another.put("phone", "+639181234567");
                exchange(authorized, method, path, another.toString(), type, key, 422, true);
            }
            if (documented.contains(400)) {
                if (body != null) {
                    exchange(authorized, method, path, "{}", "application/json", 400, false);
                } else {
                    exchange(authorized, method, path + "?size=0", null, null, 400, false);
                }
            }
        }
    }

    @Test
    @Order(5)
    void unknownPathsAndMethodsAnswerAsTheDocumentSays() {
        exchange(lender, "GET", "/v1/gamma/signals", null, null, 404, false);
        exchange(anonymous, "GET", "/nowhere", null, null, 404, false);
        for (String operation : contract.operations()) {
            String template = operation.substring(operation.indexOf(' ') + 1);
            if (contract.document().path("paths").path(template).has("patch")) {
                continue;
            }
            ApiClient authorized = template.startsWith("/v1/admin/") ? admin : lender;
            exchange(authorized, "PATCH", fill(template, unknownIds()), "{}", "application/json", 405, false);
        }
    }

    /** Last but one: ten wrong admin tokens lock the admin token for a minute, for every admin call. */
    @Test
    @Order(6)
    void adminOperationsAnswer429AsDocumentedOnceTheAdminTokenIsLocked() {
        ApiClient wrongToken = anonymous.bearer("not-the-admin-token-at-all");
        for (int attempt = 0; attempt < 10; attempt++) {
            exchange(wrongToken, "GET", fill("/v1/admin/accounts/{accountId}/selection", existing), null, null, 401, true);
        }
        for (String operation : contract.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            if (template.startsWith("/v1/admin/") && documentedStatuses(operation).contains(429)) {
                String body = hasBody(operation) ? example(template, method.toLowerCase(Locale.ROOT)) : null;
                var answer = exchange(admin, method, fill(template, existing), body, body == null ? null : "application/json", 429, true);
                assertThat(answer.response().headers().firstValue("Retry-After")).isPresent();
            }
        }
    }

    @Test
    @Order(7)
    void everyDocumentedStatusButTheServerFailuresWasSeen() {
        Map<String, Set<Integer>> missing = new TreeMap<>();
        Map<String, Set<Integer>> leftOut = new TreeMap<>();
        for (String operation : contract.operations()) {
            Set<Integer> seen = exercised.getOrDefault(operation, Set.of());
            for (int status : documentedStatuses(operation)) {
                if (!seen.contains(status)) {
                    (SERVER_FAILURES.contains(status) ? leftOut : missing).computeIfAbsent(operation, o -> new TreeSet<>()).add(status);
                }
            }
        }
        System.out.println("OpenAPI conformance: " + exercised.values().stream().mapToInt(Set::size).sum()
                + " (operation, status) pairs seen; server failures not provoked here: " + leftOut);
        assertThat(missing).as("documented statuses no call produced").isEmpty();
    }

    // --- the checker can fail -------------------------------------------------------------------------

    @Test
    @Order(8)
    void aWrongAnswerIsReported() {
        var real = lender.get("/v1/alpha/signals/" + existing.get("id"));
        String path = "/v1/alpha/signals/" + existing.get("id");
        Map<String, List<String>> headers = real.response().headers().map();
        assertThat(contract.responseProblems("GET", path, 200, headers, real.response().body())).isEmpty();

        assertThat(problemsWith(real, data -> ((ObjectNode) data.path("requestMeta").path("consent")).remove("consentedAt")))
                .anySatisfy(p -> assertThat(p).contains("consentedAt"));
        assertThat(problemsWith(real, data -> ((ObjectNode) data).put("surprise", 1)))
                .anySatisfy(p -> assertThat(p).contains("surprise"));
        assertThat(problemsWith(real, data -> ((ObjectNode) data).put("status", "DONE"))).isNotEmpty();
        assertThat(problemsWith(real, data -> ((ObjectNode) data).put("id", "signal-123"))).isNotEmpty();
        assertThat(problemsWith(real, data -> ((ObjectNode) data.path("result")).put("events_nope_day30", 1))).isNotEmpty();
        assertThat(problemsWith(real, data -> ((ObjectNode) data.path("result")).put("events_overdue_day30", "1"))).isNotEmpty();

        Map<String, List<String>> noRequestId = new LinkedHashMap<>(headers);
        noRequestId.keySet().removeIf(name -> name.equalsIgnoreCase("X-Request-Id"));
        assertThat(contract.responseProblems("GET", path, 200, noRequestId, real.response().body()))
                .anySatisfy(p -> assertThat(p).contains("X-Request-Id"));
        Map<String, List<String>> html = new LinkedHashMap<>(headers);
        html.put("content-type", List.of("text/html"));
        assertThat(contract.responseProblems("GET", path, 200, html, real.response().body())).isNotEmpty();
        assertThat(contract.responseProblems("GET", path, 418, headers, real.response().body()))
                .anySatisfy(p -> assertThat(p).contains("418"));
        assertThat(contract.responseProblems("PATCH", path, 404, headers, real.response().body())).isNotEmpty();
        assertThat(contract.requestProblems("GET", "/v1/alpha/signals?size=0&colour=red", null, null))
                .anySatisfy(p -> assertThat(p).contains("size"))
                .anySatisfy(p -> assertThat(p).contains("colour"));
        assertThat(contract.requestProblems("POST", "/v1/alpha/signals", "application/json", "{\"phone\": \"+639171234567\"}"))
                .anySatisfy(p -> assertThat(p).contains("consent"));
    }

    // --- helpers --------------------------------------------------------------------------------------

    private List<String> problemsWith(ApiClient.Answer real, Consumer<JsonNode> change) {
        ObjectNode body = real.body().deepCopy();
        change.accept(body.path("data"));
        return contract.responseProblems("GET", "/v1/alpha/signals/" + existing.get("id"), 200,
                real.response().headers().map(), body.toString());
    }

    private ApiClient.Answer ok(ApiClient client, String method, String path, String body, int status) {
        return exchange(client, method, path, body, body == null ? null : "application/json", status, true);
    }

    /**
     * One real exchange: the request checked against the document when it is meant to be valid, sent, its
     * status checked, the answer validated against the document, and the (operation, status) pair noted.
     */
    private ApiClient.Answer exchange(ApiClient client, String method, String path, String body, String contentType,
                                      int expectedStatus, boolean validRequest) {
        return exchange(client, method, path, body, contentType, Map.of(), expectedStatus, validRequest);
    }

    /** The same with more request headers. */
    private ApiClient.Answer exchange(ApiClient client, String method, String path, String body, String contentType,
                                      Map<String, String> headers, int expectedStatus, boolean validRequest) {
        String call = method + " " + path;
        if (validRequest) {
            assertThat(contract.requestProblems(method, path, contentType, body)).as("request " + call).isEmpty();
        }
        var answer = client.send(method, path, body, contentType, headers);
        assertThat(answer.status()).as(call + " answered " + answer).isEqualTo(expectedStatus);
        assertThat(contract.responseProblems(method, path, answer.status(), answer.response().headers().map(), answer.response().body()))
                .as("answer to " + call).isEmpty();
        contract.operationOf(method, path).ifPresent(operation ->
                exercised.computeIfAbsent(operation, o -> new TreeSet<>()).add(answer.status()));
        return answer;
    }

    private Set<Integer> documentedStatuses(String operation) {
        JsonNode responses = operationNode(operation).path("responses");
        Set<Integer> statuses = new TreeSet<>();
        responses.fieldNames().forEachRemaining(status -> statuses.add(Integer.parseInt(status)));
        return statuses;
    }

    private boolean hasBody(String operation) {
        return operationNode(operation).has("requestBody");
    }

    private JsonNode operationNode(String operation) {
        String method = operation.substring(0, operation.indexOf(' ')).toLowerCase(Locale.ROOT);
        String template = operation.substring(operation.indexOf(' ') + 1);
        return contract.document().path("paths").path(template).path(method);
    }

    /** The JSON example the document gives for an operation's request body. */
    private String example(String template, String method) {
        JsonNode example = contract.document().path("paths").path(template).path(method)
                .path("requestBody").path("content").path("application/json").path("example");
        assertThat(example.isMissingNode()).as("the document's request example of " + method + " " + template).isFalse();
        return example.toString();
    }

    private static Map<String, String> unknownIds() {
        return Map.of("id", "signal-" + ZEROS, "accountId", "acc-" + ZEROS, "templateId", "tpl-docs-example");
    }

    /** The template with its parameters filled; a consent template's {id} is a consent template id. */
    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String filled = value.getValue();
            if (template.startsWith("/v1/consentTemplates/") && value.getKey().equals("id")) {
                filled = "ct-" + ZEROS;
            }
            path = path.replace("{" + value.getKey() + "}", filled);
        }
        assertThat(path).as("every parameter of " + template + " filled").doesNotContain("{");
        return path;
    }

    private Set<String> servedRoutes() {
        Set<String> methods = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
        List<ParsedEndpoint> endpoints = service.service().injector().getInstance(HttpServer.class).javalin()
                .unsafeConfig().pvt.internalRouter.allHttpHandlers();
        return endpoints.stream().map(ParsedEndpoint::getEndpoint)
                .filter(endpoint -> methods.contains(endpoint.getMethod().name()))
                .map((Endpoint endpoint) -> endpoint.getMethod().name() + " " + endpoint.getPath())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode json(String text) {
        try {
            return ApiClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

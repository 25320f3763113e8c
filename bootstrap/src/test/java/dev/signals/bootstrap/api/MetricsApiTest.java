package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code GET /metrics} scraped over HTTP on the assembled service, before and after a known set of calls:
 * every series those calls touch moved by exactly what they did, and the gauges of the index, the pool and
 * the JVM are there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsApiTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String KNOWN_PHONE = "+639175551001";
    private static final String UNKNOWN_PHONE = "+639175551002";

    private ServiceOnH2 service;
    private ApiClient lender;

    @BeforeAll
    void start() throws Exception {
        service = ServiceOnH2.start(ADMIN_TOKEN);
        lender = service.client(service.createAccount("Metered Lending", "metered-lending"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void theCountersMoveByWhatTheCallsDid() {
        PrometheusScrape before = scrape();

        ObjectNode batch = batch();
        var first = lender.post("/v1/events", batch);
        var again = lender.post("/v1/events", batch);
        var alpha = lender.post("/v1/alpha/signals", SignalsApiTest.request(KNOWN_PHONE));
        ObjectNode betaBody = SignalsApiTest.request(UNKNOWN_PHONE);
        var beta = lender.post("/v1/beta/signals", betaBody);
        var badPhone = lender.post("/v1/alpha/signals", SignalsApiTest.request("+63917555100x"));
        var fetched = lender.get("/v1/alpha/signals/" + alpha.data().path("id").asText());

        assertThat(first.data().path("accepted").asInt()).as(first.toString()).isEqualTo(2);
        assertThat(first.data().path("rejected")).hasSize(1);
        assertThat(again.data().path("duplicates").asInt()).as(again.toString()).isEqualTo(2);
        assertThat(alpha.data().path("resultCode").asText()).as(alpha.toString()).isEqualTo("SUCCESS");
        assertThat(beta.data().path("resultCode").asText()).as(beta.toString()).isEqualTo("NO_DATA");
        assertThat(badPhone.status()).as(badPhone.toString()).isEqualTo(400);
        assertThat(fetched.status()).isEqualTo(200);

        PrometheusScrape after = scrape();

        // Events by outcome: the batch twice, its bad event rejected both times.
        assertThat(delta(before, after, "signals_events_total", "outcome", "accepted")).isEqualTo(2);
        assertThat(delta(before, after, "signals_events_total", "outcome", "duplicate")).isEqualTo(2);
        assertThat(delta(before, after, "signals_events_total", "outcome", "rejected")).isEqualTo(2);
        // Signal requests by version and result; the refused command made no request.
        assertThat(delta(before, after, "signals_requests_total", "result", "SUCCESS", "status", "COMPLETED", "version", "alpha")).isEqualTo(1);
        assertThat(delta(before, after, "signals_requests_total", "result", "NO_DATA", "status", "COMPLETED", "version", "beta")).isEqualTo(1);
        assertThat(after.seriesOf("signals_requests_total").values().stream().mapToDouble(Double::doubleValue).sum()
                - before.seriesOf("signals_requests_total").values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(2);
        // HTTP requests by route template and status.
        assertThat(delta(before, after, "http_server_requests_seconds_count", "method", "POST", "route", "/v1/events", "status", "200")).isEqualTo(2);
        assertThat(delta(before, after, "http_server_requests_seconds_count", "method", "POST", "route", "/v1/alpha/signals", "status", "200")).isEqualTo(1);
        assertThat(delta(before, after, "http_server_requests_seconds_count", "method", "POST", "route", "/v1/alpha/signals", "status", "400")).isEqualTo(1);
        assertThat(delta(before, after, "http_server_requests_seconds_count", "method", "POST", "route", "/v1/beta/signals", "status", "200")).isEqualTo(1);
        assertThat(delta(before, after, "http_server_requests_seconds_count", "method", "GET", "route", "/v1/alpha/signals/{id}", "status", "200")).isEqualTo(1);
        assertThat(delta(before, after, "http_server_requests_seconds_bucket", "le", "+Inf", "method", "POST", "route", "/v1/events", "status", "200")).isEqualTo(2);
        assertThat(after.typeOf("http_server_requests_seconds")).isEqualTo("histogram");
        // The index grew by the two accepted events, about one subject.
        assertThat(delta(before, after, "signals_index_events")).isEqualTo(2);
        assertThat(delta(before, after, "signals_index_subjects")).isEqualTo(1);
    }

    @Test
    void noSeriesNamesAnIdAPhoneNumberOrARawPath() {
        var created = lender.post("/v1/alpha/signals", SignalsApiTest.request("+639175559999"));
        String id = created.data().path("id").asText();
        lender.get("/v1/alpha/signals/" + id);
        lender.get("/v1/no/such/path/639175559999");

        String text = scrapeText();

        assertThat(text).doesNotContain(id).doesNotContain("5559999").doesNotContain("/v1/no/such");
        PrometheusScrape scrape = PrometheusScrape.parse(text);
        assertThat(scrape.seriesOf("http_server_requests_seconds_count").keySet())
                .extracting(labels -> labels.get("route"))
                .allMatch(route -> route.equals("NOT_FOUND") || !route.matches(".*\\d{5,}.*"));
        assertThat(scrape.valueOrZero("http_server_requests_seconds_count", "method", "GET", "route", "NOT_FOUND", "status", "404")).isEqualTo(1);
    }

    @Test
    void theIndexThePoolAndTheJvmAreThere() {
        PrometheusScrape scrape = scrape();

        assertThat(scrape.value("signals_index_events")).isNotNull();
        assertThat(scrape.value("signals_index_subjects")).isNotNull();
        assertThat(scrape.value("hikaricp_connections_max", "pool", "signals-db")).isEqualTo(10.0);
        assertThat(scrape.value("hikaricp_connections_active", "pool", "signals-db")).isNotNull();
        assertThat(scrape.value("hikaricp_connections_pending", "pool", "signals-db")).isNotNull();
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
        assertThat(scrape.has("jvm_gc_memory_allocated_bytes_total") || scrape.has("jvm_gc_max_data_size_bytes")).isTrue();
        assertThat(scrape.value("jvm_threads_live_threads")).isPositive();
        assertThat(scrape.value("jvm_classes_loaded_classes")).isPositive();
        assertThat(scrape.value("system_cpu_count")).isPositive();
        assertThat(scrape.value("process_uptime_seconds")).isPositive();
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        Double now = after.value(name, labels);
        assertThat(now).as("%s %s in the scrape after the calls", name, String.join(",", labels)).isNotNull();
        double change = now - before.valueOrZero(name, labels);
        assertThat(change).isCloseTo(Math.rint(change), within(1e-9));
        return change;
    }

    /** Two good events about one subject, and one of an unknown type. */
    private static ObjectNode batch() {
        Instant occurred = SignalsApiTest.now().minus(Duration.ofDays(3));
        ObjectNode body = ApiClient.JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        events.add(event("metered-1", occurred));
        events.add(event("metered-2", occurred.minus(Duration.ofDays(1))));
        events.add(event("metered-3", occurred).put("type", "LOAN"));
        return body;
    }

    private static ObjectNode event(String id, Instant occurredAt) {
        ObjectNode node = ApiClient.JSON.createObjectNode();
        node.put("eventId", id);
        node.put("type", "LOAN_DISBURSEMENT");
        node.put("occurredAt", occurredAt.toString());
        node.put("phone", KNOWN_PHONE);
        node.put("amount", 5000);
        return node;
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.parse(scrapeText());
    }

    private String scrapeText() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.base() + "/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

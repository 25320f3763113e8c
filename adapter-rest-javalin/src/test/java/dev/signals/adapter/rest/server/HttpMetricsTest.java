package dev.signals.adapter.rest.server;

import dev.signals.adapter.rest.ApiClient;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.Bodies;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.TestApp;
import io.javalin.testtools.JavalinTest;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static dev.signals.adapter.rest.InMemoryApplication.SUBJECT_WITH_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

/** Every request is timed under its route's template and its final status. */
class HttpMetricsTest {

    private final InMemoryApplication application = new InMemoryApplication();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void aRequestIsTimedUnderItsRouteTemplateNeverItsPath() {
        test(api -> {
            Answer created = api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS));
            assertThat(created.status()).isEqualTo(200);
            String id = created.data().get("id").asText();
            assertThat(api.get("/v1/alpha/signals/" + id).status()).isEqualTo(200);
            assertThat(api.get("/v1/alpha/signals/signal-00000000000000000000000000000000").status()).isEqualTo(404);

            assertThat(count("POST", "/v1/alpha/signals", "200")).isEqualTo(1);
            assertThat(count("GET", "/v1/alpha/signals/{id}", "200")).isEqualTo(1);
            // An unknown id is answered by the endpoint: its route is still the template.
            assertThat(count("GET", "/v1/alpha/signals/{id}", "404")).isEqualTo(1);
            assertThat(registry.scrape()).doesNotContain(id).doesNotContain("signal-0000");
        });
    }

    @Test
    void aPathNoEndpointServesIsNotFoundAndAWrongMethodKeepsTheTemplate() {
        test(api -> {
            assertThat(api.get("/v1/nothing/+639171234567").status()).isEqualTo(404);
            assertThat(api.delete("/v1/catalog").status()).isEqualTo(405);

            assertThat(count("GET", HttpMetrics.NOT_FOUND, "404")).isEqualTo(1);
            assertThat(count("DELETE", "/v1/catalog", "405")).isEqualTo(1);
            assertThat(registry.scrape()).doesNotContain("639171234567").doesNotContain("/v1/nothing");
        });
    }

    @Test
    void aRequestRefusedBeforeItsEndpointRanIsTimedUnderThatEndpointsTemplate() {
        test(api -> {
            assertThat(api.authorizedBy(null).get("/v1/catalog").status()).isEqualTo(401);
            assertThat(api.authorizedBy(null).get("/v1/alpha/signals/signal-1").status()).isEqualTo(401);
            assertThat(api.authorizedBy(null).get("/v1/unknown").status()).isEqualTo(401);

            assertThat(count("GET", "/v1/catalog", "401")).isEqualTo(1);
            assertThat(count("GET", "/v1/alpha/signals/{id}", "401")).isEqualTo(1);
            assertThat(count("GET", HttpMetrics.NOT_FOUND, "401")).isEqualTo(1);
        });
    }

    @Test
    void theTimerHasTheSameFixedBucketsInEverySeries() {
        test(api -> {
            api.get("/v1/catalog");
            api.authorizedBy(null).get("/v1/catalog");
            List<String> buckets = Arrays.stream(registry.scrape().split("\n"))
                    .filter(line -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains("route=\"/v1/catalog\""))
                    .toList();
            // Eleven service-level boundaries and +Inf, for each of the two statuses.
            assertThat(buckets).hasSize(2 * (HttpMetrics.BUCKETS.length + 1));
        });
    }

    private long count(String method, String route, String status) {
        Timer timer = registry.find(HttpMetrics.TIMER).tags("method", method, "route", route, "status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    private void test(TestApp.ApiTest test) {
        JavalinTest.test(TestApp.over(application, registry), (server, client) -> {
            try {
                test.run(new ApiClient(client));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}

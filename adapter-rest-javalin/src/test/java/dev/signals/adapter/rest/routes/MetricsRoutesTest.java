package dev.signals.adapter.rest.routes;

import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.TestApp;
import io.javalin.testtools.JavalinTest;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics} shows the registry, the HTTP timer's series among them. */
class MetricsRoutesTest {

    /** The HTTP timer's name, as Micrometer knows it (Prometheus: {@code http_server_requests_seconds}). */
    private static final String HTTP_TIMER = "http.server.requests";

    private final InMemoryApplication application = new InMemoryApplication();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void metricsAreServedWithoutCredentialsInTheTextFormatOrOpenMetricsOnRequest() {
        JavalinTest.test(TestApp.over(application, registry), (server, client) -> {
            client.get("/health").close();
            try (Response response = client.get("/metrics")) {
                String text = response.body().string();
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("Content-Type")).isEqualTo(MetricsRoutes.TEXT_004);
                assertThat(text).contains("# TYPE http_server_requests_seconds histogram").doesNotContain("# EOF");
            }
            try (Response response = client.request("/metrics", builder -> builder.header("Accept",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"))) {
                String text = response.body().string();
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("Content-Type")).isEqualTo(MetricsRoutes.OPENMETRICS_100);
                assertThat(text).contains("http_server_requests_seconds_count{").endsWith("# EOF\n");
            }
            // Each answer is counted before its last byte leaves: both scrapes are there.
            assertThat(count("GET", MetricsRoutes.PATH, "200")).isEqualTo(2);
        });
    }

    private long count(String method, String route, String status) {
        Timer timer = registry.find(HTTP_TIMER).tags("method", method, "route", route, "status", status).timer();
        return timer == null ? 0 : timer.count();
    }
}

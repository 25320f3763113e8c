package dev.signals.adapter.rest.routes;

import dev.signals.adapter.rest.server.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Locale;

/**
 * {@code GET /metrics}: every meter of the registry in Prometheus' text format (0.0.4), or in OpenMetrics
 * when the scraper asks for it. Outside {@code /v1}, so without authentication: it carries counts and
 * durations by route template and result, never an id, a phone number or a credential; it is meant for a
 * scraper inside the deployment, not for the public side of a proxy. Like every answer, it is
 * {@code Cache-Control: no-store} (the server's rule).
 */
public final class MetricsRoutes implements Routes {

    static final String PATH = "/metrics";
    static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_100 = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void addTo(Javalin app) {
        app.get(PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        String type = wantsOpenMetrics(ctx.header("Accept")) ? OPENMETRICS_100 : TEXT_004;
        ctx.contentType(type);
        ctx.result(registry.scrape(type));
    }

    private static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text");
    }
}

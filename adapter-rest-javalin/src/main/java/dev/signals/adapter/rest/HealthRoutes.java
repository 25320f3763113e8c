package dev.signals.adapter.rest;

import dev.signals.application.port.in.CheckHealthQuery;
import dev.signals.application.port.in.HealthReport;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Map;

/** {@code GET /health}, no authentication: 200 when the database answers, 503 otherwise (contract section 7). */
final class HealthRoutes implements Routes {

    private final CheckHealthQuery health;
    private final Responses responses;

    HealthRoutes(CheckHealthQuery health, Responses responses) {
        this.health = health;
        this.responses = responses;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/health", this::health);
    }

    private void health(Context ctx) {
        HealthReport report = health.check();
        if (!report.healthy()) {
            throw ApiException.serverUnavailable("The database (" + report.database() + ") does not answer");
        }
        responses.ok(ctx, Map.of("status", "UP", "database", report.database()));
    }
}

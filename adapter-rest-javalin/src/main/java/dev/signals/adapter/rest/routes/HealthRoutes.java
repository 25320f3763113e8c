package dev.signals.adapter.rest.routes;

import dev.signals.adapter.rest.server.ApiException;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import dev.signals.application.port.in.CheckHealthQuery;
import dev.signals.application.port.in.HealthReport;
import dev.signals.application.port.in.IndexStatusQuery.IndexStatus;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}, no authentication: 200 when the database answers and the node's event index follows the
 * journal, 503 otherwise, saying why (contract sections 7 and 7.1). The answer names the database and how far the
 * index has read the journal: its position, its events and its lag in seconds.
 */
public final class HealthRoutes implements Routes {

    private final CheckHealthQuery health;
    private final Responses responses;

    public HealthRoutes(CheckHealthQuery health, Responses responses) {
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
            throw ApiException.serverUnavailable(report.problem());
        }
        IndexStatus index = report.index();
        Map<String, Object> indexData = new LinkedHashMap<>();
        indexData.put("position", index.position());
        indexData.put("events", index.events());
        indexData.put("lagSeconds", index.lag().toMillis() / 1000.0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", "UP");
        data.put("database", report.database());
        data.put("index", indexData);
        responses.ok(ctx, data);
    }
}

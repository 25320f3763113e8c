package dev.signals.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.rest.dto.RetractEventsResponse;
import dev.signals.adapter.rest.filters.Authentication;
import dev.signals.adapter.rest.json.JsonBodies;
import dev.signals.adapter.rest.json.RetractionJson;
import dev.signals.adapter.rest.server.ApiException;
import dev.signals.adapter.rest.server.FieldError;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import dev.signals.application.port.in.RetractEventsUseCase;
import dev.signals.application.port.in.RetractionReport;

import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * Retractions (contract section 4.1): {@code {"retractions": [{"eventId": "...", "reason": "..."}]}}, at most
 * {@link RetractEventsUseCase#MAX_BATCH}, of events the calling account's institution reported. Each is answered on
 * its own, by its position in the batch; the good ones are durable when the answer is sent.
 */
public final class RetractionRoutes implements Routes {

    /** 10,000 retractions of a 128-character id and a 500-character reason fit. */
    static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    static final String TOO_LARGE_MESSAGE = "The request body is larger than the 16 MiB a batch of retractions may take;"
            + " send them in several batches";
    private static final String RETRACTIONS_EXPECTED = "must be an array of retractions such as [{\"eventId\": \"...\"}]";

    private final RetractEventsUseCase retractions;
    private final JsonBodies bodies;
    private final Responses responses;

    public RetractionRoutes(RetractEventsUseCase retractions, JsonBodies bodies, Responses responses) {
        this.retractions = retractions;
        this.bodies = bodies;
        this.responses = responses;
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/v1/events/retractions", this::retract);
    }

    private void retract(Context ctx) {
        if (!JsonBodies.isJson(ctx.contentType())) {
            throw ApiException.unsupportedType("Retractions are a JSON batch: send Content-Type: application/json");
        }
        JsonNode body = bodies.readTree(ctx, MAX_BODY_BYTES, TOO_LARGE_MESSAGE);
        if (!body.isObject()) {
            throw ApiException.invalidFields("The request body must be a JSON object {\"retractions\": [...]}, not "
                    + JsonBodies.describe(body), List.of(new FieldError("retractions", RETRACTIONS_EXPECTED + " inside a JSON object")));
        }
        JsonNode batch = body.get("retractions");
        if (batch == null) {
            throw ApiException.invalidField("retractions", "is required: " + RETRACTIONS_EXPECTED);
        }
        if (!batch.isArray()) {
            throw ApiException.invalidField("retractions", RETRACTIONS_EXPECTED);
        }
        if (batch.size() > RetractEventsUseCase.MAX_BATCH) {
            throw ApiException.invalidField("retractions", "a batch holds at most 10,000 retractions; send several batches");
        }
        List<RetractionReport> reports = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            reports.add(RetractionJson.read(i, batch.get(i)));
        }
        responses.ok(ctx, RetractEventsResponse.of(retractions.retract(Authentication.institutionId(ctx), reports)));
    }
}

package dev.signals.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.rest.dto.ReportEventsResponse;
import dev.signals.adapter.rest.filters.Authentication;
import dev.signals.adapter.rest.json.EventJson;
import dev.signals.adapter.rest.json.JsonBodies;
import dev.signals.adapter.rest.json.NdjsonLines;
import dev.signals.adapter.rest.server.ApiException;
import dev.signals.adapter.rest.server.FieldError;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import dev.signals.application.port.StorageUnavailableException;
import dev.signals.application.port.in.EventReport;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.application.port.in.ReportEventsUseCase.ReportOutcome;
import dev.signals.application.port.in.ReportEventsUseCase.Rejection;
import dev.signals.domain.account.InstitutionId;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Events an institution reports (contract section 4), attributed to the calling account's institution.
 * Two forms: a JSON batch {@code {"events": [...]}} of at most {@link ReportEventsUseCase#MAX_BATCH} events,
 * read whole and reported in one call; or an NDJSON stream of any number of events, one a line, read as it
 * arrives and reported in chunks of {@link #STREAM_CHUNK}, each committed before the next is
 * read. An event that cannot be read (a wrong JSON type, a line that is not JSON or gives a key twice) is rejected
 * with its index and reason while the others go on; the index is the position in the batch, or the 0-based line
 * number in the stream (blank lines count). A JSON batch is one body: a key given twice anywhere in it is 400, and
 * none of its events is reported.
 */
public final class EventRoutes implements Routes {

    /** The largest JSON batch body: 10,000 events of a few hundred bytes each fit easily. */
    static final long MAX_JSON_BATCH_BYTES = 16L * 1024 * 1024;
    /** The largest NDJSON stream, counted while it is read. */
    static final long MAX_NDJSON_STREAM_BYTES = 256L * 1024 * 1024;
    /** The longest NDJSON line; an event takes a few hundred bytes, and a line is held whole while it is read. */
    static final int MAX_NDJSON_LINE_BYTES = 1024 * 1024;
    /**
     * A stream is stopped once this many of its events were rejected: every rejection is kept for the answer,
     * so memory and the answer's size stay bounded even when a file of short lines is not NDJSON at all.
     */
    static final int MAX_STREAM_REJECTIONS = 100_000;
    /**
     * The events of a stream committed together. Small enough that a transaction is short: the other nodes read
     * the journal only behind the oldest transaction still open, so a long one delays every node's view of what
     * other transactions committed meanwhile (ConvergenceBenchmark, 5,000-line requests: another
     * node's p50 lag 133-292 ms with one transaction per request, 39-68 ms with 1,000 events a transaction).
     */
    static final int STREAM_CHUNK = 1_000;

    static final String NDJSON = "application/x-ndjson";
    static final String JSON_TOO_LARGE_MESSAGE = "The request body is larger than the 16 MiB a JSON batch may take;"
            + " send the events as NDJSON (Content-Type: application/x-ndjson) or in several batches";
    static final String NDJSON_TOO_LARGE_MESSAGE = "The NDJSON stream is larger than the 256 MiB this service accepts;"
            + " send the events in several streams.";
    static final String UNSUPPORTED_TYPE_MESSAGE =
            "Events are a JSON batch or an NDJSON stream: send application/json or application/x-ndjson";
    private static final String EVENTS_EXPECTED = "must be an array of events";
    private static final String TOO_MANY_EVENTS = "a batch holds at most " + grouped(ReportEventsUseCase.MAX_BATCH)
            + " events; send NDJSON or several batches";

    private final ReportEventsUseCase events;
    private final JsonBodies bodies;
    private final Responses responses;

    public EventRoutes(ReportEventsUseCase events, JsonBodies bodies, Responses responses) {
        this.events = events;
        this.bodies = bodies;
        this.responses = responses;
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/v1/events", this::report);
    }

    private void report(Context ctx) {
        InstitutionId institution = Authentication.institutionId(ctx);
        String contentType = ctx.contentType();
        ReportOutcome outcome;
        if (isNdjson(contentType)) {
            outcome = reportStream(ctx, institution);
        } else if (JsonBodies.isJson(contentType) || !hasBody(ctx)) {
            outcome = reportBatch(ctx, institution);
        } else {
            throw ApiException.unsupportedType(UNSUPPORTED_TYPE_MESSAGE);
        }
        responses.ok(ctx, ReportEventsResponse.of(outcome));
    }

    private ReportOutcome reportBatch(Context ctx, InstitutionId institution) {
        JsonNode body = bodies.readTree(ctx, MAX_JSON_BATCH_BYTES, JSON_TOO_LARGE_MESSAGE);
        if (!body.isObject()) {
            throw ApiException.invalidFields("The request body must be a JSON object {\"events\": [...]}, not "
                    + JsonBodies.describe(body), List.of(new FieldError("events", EVENTS_EXPECTED + " inside a JSON object")));
        }
        JsonNode batch = body.get("events");
        if (batch == null) {
            throw ApiException.invalidField("events", "is required: " + EVENTS_EXPECTED);
        }
        if (!batch.isArray()) {
            throw ApiException.invalidField("events", EVENTS_EXPECTED);
        }
        if (batch.size() > ReportEventsUseCase.MAX_BATCH) {
            throw ApiException.invalidField("events", TOO_MANY_EVENTS);
        }
        List<EventReport> reports = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            reports.add(EventJson.read(i, batch.get(i)));
        }
        return events.report(institution, reports);
    }

    private ReportOutcome reportStream(Context ctx, InstitutionId institution) {
        if (ctx.req().getContentLengthLong() > MAX_NDJSON_STREAM_BYTES) {
            throw ApiException.tooLarge(NDJSON_TOO_LARGE_MESSAGE + " No event of it was stored.");
        }
        StreamReport stream = new StreamReport(institution);
        try (NdjsonLines lines = new NdjsonLines(ctx.bodyInputStream(), MAX_NDJSON_STREAM_BYTES, MAX_NDJSON_LINE_BYTES)) {
            for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (!line.isBlank()) {
                    stream.add(line.problem() == null
                            ? EventJson.readLine(line.number(), line.text())
                            : EventReport.unreadable(line.number(), null, line.problem()));
                }
            }
        } catch (NdjsonLines.TooLargeException e) {
            throw ApiException.tooLarge(NDJSON_TOO_LARGE_MESSAGE + " " + stream.whatWasStored());
        } catch (IOException e) {
            throw ApiException.invalidParameters("The NDJSON stream broke off before its end. " + stream.whatWasStored());
        }
        return stream.finish();
    }

    private static boolean isNdjson(String contentType) {
        return contentType != null && JsonBodies.mediaType(contentType).equals(NDJSON);
    }

    /** Whether a body follows; a body of another type is refused only when there is one, as {@link JsonBodies} does. */
    private static boolean hasBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared >= 0) {
            return declared > 0;
        }
        try {
            InputStream in = ctx.bodyInputStream();
            return in.read() != -1;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the request body failed", e);
        }
    }

    private static String grouped(int number) {
        return String.format(Locale.ROOT, "%,d", number);
    }

    /**
     * One NDJSON stream being reported: the chunk being filled, and the merged outcome of the chunks already
     * committed, which stay committed whatever happens to the rest of the stream.
     */
    private final class StreamReport {

        private final InstitutionId institution;
        private List<EventReport> chunk = new ArrayList<>();
        private ReportOutcome committed = new ReportOutcome(0, 0, List.of());
        private int chunksCommitted;
        private int committedBeforeLine;

        StreamReport(InstitutionId institution) {
            this.institution = institution;
        }

        void add(EventReport report) {
            if (chunk.isEmpty() && committed.rejected().size() >= MAX_STREAM_REJECTIONS) {
                Rejection first = committed.rejected().get(0);
                throw ApiException.invalidParameters("The stream was stopped at line " + report.index() + " after "
                        + grouped(committed.rejected().size()) + " of its events were rejected (the first, line "
                        + first.index() + ": " + first.message() + "). " + whatWasStored());
            }
            chunk.add(report);
            if (chunk.size() == STREAM_CHUNK) {
                commit();
            }
        }

        /** Reports what is left; a stream without a single event is reported as such, for the use case to refuse. */
        ReportOutcome finish() {
            if (!chunk.isEmpty() || chunksCommitted == 0) {
                commit();
            }
            return committed;
        }

        private void commit() {
            List<EventReport> reports = chunk;
            chunk = new ArrayList<>();
            ReportOutcome outcome;
            try {
                outcome = events.report(institution, reports);
            } catch (StorageUnavailableException e) {
                if (chunksCommitted == 0) {
                    throw e; // nothing of the stream is stored: the usual 503
                }
                throw ApiException.serverUnavailable("The database cannot be reached. " + whatWasStored(), e);
            }
            // The reports carry their line numbers as indexes, and so do the use case's rejections: no offset.
            committed = committed.plus(outcome);
            if (!reports.isEmpty()) {
                chunksCommitted++;
                committedBeforeLine = reports.get(reports.size() - 1).index() + 1;
            }
        }

        /** For an answer that ends the stream early: which of its events stay stored, and what re-sending them does. */
        String whatWasStored() {
            if (chunksCommitted == 0) {
                return "No event of it was stored.";
            }
            return "Its events before line " + committedBeforeLine + " (counting from 0) were reported and stay stored:"
                    + " sent again, they are answered as duplicates. Nothing from line " + committedBeforeLine + " on was stored.";
        }
    }
}

package dev.signals.adapter.rest.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.UncheckedIOException;
import java.util.Map;

/** Writes the envelope. The one place that serialises a response body. */
public final class Responses {

    public static final String JSON = "application/json; charset=utf-8";
    static final String SUCCESS_MESSAGE = "Success!";

    private final ObjectMapper mapper;

    public Responses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void ok(Context ctx, Object data) {
        send(ctx, 200, "OK", SUCCESS_MESSAGE, java.util.Objects.requireNonNull(data, "data"));
    }

    /**
     * The body {@link #ok(Context, Object)} would send, made ahead of sending it (a signal request's answer is made
     * while the request is committed); {@link #ok(Context, byte[])} sends it.
     */
    public byte[] okBody(Context ctx, Object data) {
        return body(ctx, "OK", SUCCESS_MESSAGE, java.util.Objects.requireNonNull(data, "data"));
    }

    /** Sends a success whose body {@link #okBody} made. */
    public void ok(Context ctx, byte[] body) {
        ctx.status(200).contentType(JSON).result(body);
    }

    /** A success with nothing to return: {@code code}, {@code message} and {@code requestId} only. */
    public void okWithoutData(Context ctx) {
        send(ctx, 200, "OK", SUCCESS_MESSAGE, null);
    }

    public void created(Context ctx, Object data) {
        send(ctx, 201, "CREATED", "Created", data);
    }

    void error(Context ctx, ApiException e) {
        e.headers().forEach(ctx::header);
        Object data = e.errors().isEmpty() ? Map.of() : Map.of("errors", e.errors());
        send(ctx, e.status(), e.code(), e.getMessage(), data);
    }

    private void send(Context ctx, int status, String code, String message, Object data) {
        ctx.status(status).contentType(JSON).result(body(ctx, code, message, data));
    }

    private byte[] body(Context ctx, String code, String message, Object data) {
        try {
            return mapper.writeValueAsBytes(new Envelope(code, message, RequestIds.of(ctx), data));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.signals.adapter.rest.server;

import io.javalin.http.Context;

/**
 * Nothing this service answers is to be stored by a cache on the way, a browser's included: the API's answers carry
 * personal data (a signal request's {@code requestMeta}, its explanation, a new account's secret), and the rest
 * ({@code /health}, {@code /metrics}, errors) are true only when they are made. So every answer is
 * {@code Cache-Control: no-store}, set before any other handler runs so that an error carries it too, and by
 * {@link EnvelopeErrorHandler} on what Jetty answers itself. A handler that serves a published document replaces it
 * with its own rule (the documents of {@code /openapi.json} and {@code /docs}: kept, and revalidated by their ETag).
 */
final class NoStore {

    static final String HEADER = "Cache-Control";
    static final String VALUE = "no-store";

    private NoStore() {
    }

    static void mark(Context ctx) {
        ctx.header(HEADER, VALUE);
    }
}

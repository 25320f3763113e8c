package dev.signals.adapter.rest.server;

import io.javalin.http.Context;

import java.util.regex.Pattern;

/**
 * A broken %-escape (e.g. {@code %u0041}, {@code %%}) is a bad request wherever it is: Javalin would fail
 * decoding such a path parameter, and silently drop such a query parameter, answering as if it were absent.
 */
final class MalformedEscapes {

    private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private MalformedEscapes() {
    }

    static void refuse(Context ctx) {
        String raw = ctx.req().getRequestURI();
        if (raw != null && MALFORMED_ESCAPE.matcher(raw).find()) {
            throw ApiException.invalidParameters("The path holds a % that is not followed by two hex digits");
        }
        String query = ctx.queryString();
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            if (MALFORMED_ESCAPE.matcher(pair).find()) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String field = name.isEmpty() || name.length() > 64 || MALFORMED_ESCAPE.matcher(name).find() ? "query" : name;
                throw ApiException.invalidField(field, "holds a % that is not followed by two hex digits");
            }
        }
    }
}

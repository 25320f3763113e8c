package dev.signals.adapter.rest.server;

import io.javalin.http.Context;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every HTTP request gets an id, echoed in the envelope and the {@code X-Request-Id} header. A client's
 * own id is reused when it is at most 64 safe characters; anything else is replaced, never reflected.
 * While the request is served, the id is in the logging context ({@link MDC} key {@value #LOG_KEY}), so every
 * line logged on its behalf carries it; the access line, the last, takes it out.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String LOG_KEY = "requestId";
    private static final String ATTRIBUTE = "signals.requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    static void assign(Context ctx) {
        String sent = ctx.header(HEADER);
        String id = sent != null && SAFE.matcher(sent).matches() ? sent : newId();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(LOG_KEY, id);
    }

    /** The request is answered: what this thread logs next is not on its behalf. */
    static void leaveLogContext() {
        MDC.remove(LOG_KEY);
    }

    /** The request's id; assigns one when a request failed before the assigning handler ran. */
    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            assign(ctx);
            id = ctx.attribute(ATTRIBUTE);
        }
        return id;
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

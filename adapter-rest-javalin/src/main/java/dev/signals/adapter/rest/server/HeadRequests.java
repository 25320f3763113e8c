package dev.signals.adapter.rest.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code HEAD} on a path that {@code GET} serves runs {@code GET}'s handler, so that it answers with the status and
 * headers {@code GET} would (an unknown id 404, Content-Type, Content-Length, a document's ETag...); Jetty sends no
 * body after a HEAD. The filters run before it as before any request: credentials, rate limits, readiness. (Left to
 * itself, Javalin answers such a HEAD 200 with an empty body and runs no handler.)
 */
final class HeadRequests {

    private final List<HandlerMetaInfo> gets = new ArrayList<>();

    /** Notes every GET endpoint as it is added. */
    void learnGets(JavalinConfig config) {
        config.events(events -> events.handlerAdded(added -> {
            if (added.getHttpMethod() == HandlerType.GET) {
                gets.add(added);
            }
        }));
    }

    /** Once every route is added: a HEAD endpoint beside each GET one, with its handler. */
    void addTo(Javalin app) {
        List.copyOf(gets).forEach(get -> app.head(get.getPath(), get.getHandler()));
    }
}

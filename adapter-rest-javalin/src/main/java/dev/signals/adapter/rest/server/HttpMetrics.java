package dev.signals.adapter.rest.server;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RouterConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.matcher.PathParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Times every request Javalin serves, as {@code http.server.requests} (Prometheus:
 * {@code http_server_requests_seconds}) tagged by method, route and status. The route is the path
 * <em>template</em> of the endpoint ({@code /v1/alpha/signals/{signalId}}), never the path itself, which can
 * carry ids and phone numbers; a path that no endpoint serves is {@value #NOT_FOUND}. A request refused before
 * its endpoint ran (no credentials, too many requests) still gets its endpoint's template, found as Javalin
 * finds it. Buckets are fixed service-level boundaries, so every series has the same dozen of them.
 */
final class HttpMetrics {

    static final String TIMER = "http.server.requests";
    static final String NOT_FOUND = "NOT_FOUND";

    /** Histogram boundaries: from a cached catalogue answer to a stream of 10,000 events. */
    static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final Timer.MeterProvider<Timer> timers;
    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
    private RouterConfig router;

    private record Endpoint(HandlerType method, String template, PathParser parser) {
    }

    HttpMetrics(MeterRegistry registry) {
        this.timers = Timer.builder(TIMER)
                .description("HTTP requests served, by method, route template and status")
                .serviceLevelObjectives(BUCKETS)
                .withRegistry(registry);
    }

    /** Learns every endpoint's template as it is added, to name the route of requests refused before it ran. */
    void learnEndpoints(JavalinConfig config) {
        router = config.router;
        config.events(events -> events.handlerAdded(added -> {
            if (added.getHttpMethod().isHttpMethod()) {
                endpoints.add(new Endpoint(added.getHttpMethod(), added.getPath(), new PathParser(added.getPath(), router)));
            }
        }));
    }

    /** Called by the request logger, once the answer's status is final. */
    void record(Context ctx, float millis) {
        timers.withTags(Tags.of(
                        "method", ctx.method().name(),
                        "route", route(ctx),
                        "status", Integer.toString(ctx.statusCode())))
                .record(Duration.ofNanos(Math.round(millis * 1_000_000d)));
    }

    /** The template of the endpoint that served (or would have served) the request; {@value #NOT_FOUND} when none. */
    String route(Context ctx) {
        if (ctx.handlerType().isHttpMethod()) {
            String served = ctx.endpointHandlerPath();
            if (endpoints.stream().anyMatch(endpoint -> endpoint.template().equals(served))) {
                return served;
            }
        }
        String path = ctx.path();
        String otherMethod = null;
        for (Endpoint endpoint : endpoints) {
            if (endpoint.parser().matches(path)) {
                if (endpoint.method() == ctx.method()) {
                    return endpoint.template();
                }
                otherMethod = otherMethod == null ? endpoint.template() : otherMethod;
            }
        }
        // A known path with another method (405) keeps its template; it names no more than the route does.
        return otherMethod != null ? otherMethod : NOT_FOUND;
    }
}

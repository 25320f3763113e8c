package dev.signals.adapter.rest.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;

/**
 * The service's Javalin application: a bounded thread pool, the one JSON mapper, every answer in the envelope
 * (Jetty's own included) and kept out of caches ({@link NoStore}), a request id and an access line for each request,
 * and its time in the metrics; {@code HEAD} wherever {@code GET} is served ({@link HeadRequests}). Before the routes
 * run the server's own filters (the request id, broken escapes, a stop in progress), then the given ones in their
 * order.
 */
public final class JavalinApp {

    /**
     * The largest request body of every route but {@code POST /v1/events}, which sets its own limits in
     * {@code EventRoutes}: 1 MiB; a larger one is answered 413 (contract section 1).
     */
    public static final long MAX_REQUEST_SIZE = 1024L * 1024L;
    public static final String TOO_LARGE_MESSAGE = "The request body is larger than the 1 MiB this service accepts";

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.signals.access");

    private JavalinApp() {
    }

    /**
     * @param maxThreads    request threads
     * @param queueCapacity requests waiting for a thread; beyond it connections are refused, not queued without end
     * @param filters       run in this order before the endpoints of the paths they guard
     */
    public static Javalin create(ObjectMapper mapper, int maxThreads, int queueCapacity, MeterRegistry registry,
                                 GracefulStop stop, List<BeforeFilter> filters, Collection<Routes> routes) {
        HttpMetrics metrics = new HttpMetrics(registry);
        HeadRequests heads = new HeadRequests();
        Javalin app = Javalin.create(config -> {
            // A bounded pool and queue: under overload, connections are refused instead of piling up.
            EnvelopeErrorHandler jettyErrors = new EnvelopeErrorHandler(mapper);
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            config.jetty.threadPool = new QueuedThreadPool(maxThreads, 8, 60_000,
                    new BlockingArrayQueue<>(queueCapacity, 0, queueCapacity));
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.prefer405over404 = true;
            config.http.defaultContentType = Responses.JSON;
            config.http.maxRequestSize = MAX_REQUEST_SIZE;
            config.router.ignoreTrailingSlashes = true;
            metrics.learnEndpoints(config);
            heads.learnGets(config);
            // Paths only, never query strings: a list filter may carry a phone number. The access line is the
            // request's last: its id leaves the logging context after it.
            config.requestLogger.http((ctx, ms) -> {
                try {
                    ACCESS.info("{} {} {} {}ms request={}",
                            ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms), RequestIds.of(ctx));
                    metrics.record(ctx, ms);
                } finally {
                    RequestIds.leaveLogContext();
                }
            });
        });
        app.before(NoStore::mark);
        app.before(RequestIds::assign);
        app.before(MalformedEscapes::refuse);
        stop.addTo(app);
        filters.forEach(filter -> app.before(filter.paths(), filter::filter));
        new ErrorMapper(new Responses(mapper)).register(app);
        routes.forEach(group -> group.addTo(app));
        heads.addTo(app);
        return app;
    }
}

package dev.signals.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The HTTP side of the service. Building it binds no port; {@link #start(int)} does, {@link #stop()}
 * lets in-flight requests finish and closes it.
 */
public final class HttpServer {

    /**
     * The largest request body of every route but {@code POST /v1/events}, which sets its own limits in
     * {@link EventRoutes}: 1 MiB; a larger one is answered 413 (contract section 1).
     */
    static final long MAX_REQUEST_SIZE = 1024L * 1024L;
    static final String TOO_LARGE_MESSAGE = "The request body is larger than the 1 MiB this service accepts";

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.signals.access");

    private final Javalin app;

    HttpServer(ObjectMapper mapper, ErrorMapper errors, Set<Routes> routes) {
        this(mapper, errors, routes, RestSettings.DEFAULTS);
    }

    HttpServer(ObjectMapper mapper, ErrorMapper errors, Set<Routes> routes, RestSettings settings) {
        this.app = Javalin.create(config -> {
            // A bounded pool and queue: under overload, connections are refused instead of piling up.
            config.jetty.threadPool = new QueuedThreadPool(settings.maxThreads(), 8, 60_000,
                    new BlockingArrayQueue<>(settings.queueCapacity(), 0, settings.queueCapacity()));
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.prefer405over404 = true;
            config.http.defaultContentType = Responses.JSON;
            config.http.maxRequestSize = MAX_REQUEST_SIZE;
            config.router.ignoreTrailingSlashes = true;
            // Paths only, never query strings: a list filter may carry a phone number.
            config.requestLogger.http((ctx, ms) -> ACCESS.info("{} {} {} {}ms request={}",
                    ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms), RequestIds.of(ctx)));
        });
        app.before(RequestIds::assign);
        errors.register(app);
        routes.forEach(group -> group.addTo(app));
    }

    /** Starts listening on the port (0 picks a free one); returns the port actually bound. */
    public int start(int port) {
        app.start(port);
        LOG.info("Listening on port {}", app.port());
        return app.port();
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
        LOG.info("HTTP server stopped");
    }

    /** The Javalin application, for in-process HTTP tests. */
    public Javalin javalin() {
        return app;
    }
}

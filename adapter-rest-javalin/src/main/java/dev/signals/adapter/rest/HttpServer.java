package dev.signals.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
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

    /** How long a stop waits for the requests in flight. */
    static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(20);

    private final Javalin app;
    private final Duration shutdownGrace;
    /** Set when a stop begins: {@code /health} answers 503 from then on, while requests are still served for the grace. */
    private volatile boolean leaving;
    private final Object drain = new Object();
    private int inFlight;
    private boolean stopping;

    /** Serves {@code routes} without filters, with the default settings. */
    HttpServer(ObjectMapper mapper, ErrorMapper errors, Set<Routes> routes) {
        this(mapper, errors, List.of(), routes, RestSettings.DEFAULTS, new SimpleMeterRegistry());
    }

    /** @param filters run in this order before the endpoints of the paths they guard, after the server's own */
    HttpServer(ObjectMapper mapper, ErrorMapper errors, List<BeforeFilter> filters, Set<Routes> routes,
               RestSettings settings, MeterRegistry registry) {
        HttpMetrics metrics = new HttpMetrics(registry);
        this.shutdownGrace = settings.shutdownGrace();
        this.app = Javalin.create(config -> {
            // A bounded pool and queue: under overload, connections are refused instead of piling up.
            EnvelopeErrorHandler jettyErrors = new EnvelopeErrorHandler(mapper);
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            config.jetty.threadPool = new QueuedThreadPool(settings.maxThreads(), 8, 60_000,
                    new BlockingArrayQueue<>(settings.queueCapacity(), 0, settings.queueCapacity()));
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.prefer405over404 = true;
            config.http.defaultContentType = Responses.JSON;
            config.http.maxRequestSize = MAX_REQUEST_SIZE;
            config.router.ignoreTrailingSlashes = true;
            metrics.learnEndpoints(config);
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
        app.before(RequestIds::assign);
        app.before(HttpServer::rejectMalformedEscapes);
        app.before(this::admit);
        app.before("/health", this::refuseHealthWhileLeaving);
        app.after(ctx -> finished(ctx));
        filters.forEach(filter -> app.before(filter.paths(), filter::filter));
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

    /**
     * Answers {@code /health} 503 and keeps serving everything else for the shutdown grace, so that a load balancer
     * takes this node out before it refuses requests; then stops taking requests (new ones are answered 503), lets
     * the ones in flight finish, up to {@link #DRAIN_TIMEOUT}, and closes the port.
     */
    public void stop() {
        leaving = true;
        if (!shutdownGrace.isZero()) {
            LOG.info("Stopping: /health answers 503, requests are served for {} ms more", shutdownGrace.toMillis());
            try {
                Thread.sleep(shutdownGrace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (drain) {
            stopping = true;
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (inFlight > 0 && System.nanoTime() < deadline) {
                try {
                    drain.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (inFlight > 0) {
                LOG.warn("Stopping with {} request(s) still in flight after {}", inFlight, DRAIN_TIMEOUT);
            }
        }
        // A request counts as finished when its handlers are done; Jetty writes its answer just after, on the
        // same thread. Let those last answers leave before the port closes.
        lingerForLastAnswers();
        app.stop();
        LOG.info("HTTP server stopped");
    }

    private static final java.util.regex.Pattern MALFORMED_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /**
     * A broken %-escape (e.g. {@code %u0041}, {@code %%}) is a bad request wherever it is: Javalin would fail
     * decoding such a path parameter, and silently drop such a query parameter, answering as if it were absent.
     */
    private static void rejectMalformedEscapes(io.javalin.http.Context ctx) {
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

    private void refuseHealthWhileLeaving(io.javalin.http.Context ctx) {
        if (leaving) {
            throw ApiException.serverUnavailable("This node is stopping");
        }
    }

    private static final String COUNTED = "signals.counted";
    private static final long LINGER_MILLIS = 100;

    private static void lingerForLastAnswers() {
        try {
            Thread.sleep(LINGER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void admit(io.javalin.http.Context ctx) {
        synchronized (drain) {
            if (stopping) {
                throw ApiException.serverUnavailable("The service is shutting down; please retry");
            }
            inFlight++;
            ctx.attribute(COUNTED, Boolean.TRUE);
        }
    }

    private void finished(io.javalin.http.Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(COUNTED))) {
            synchronized (drain) {
                inFlight--;
                drain.notifyAll();
            }
        }
    }

    /** The Javalin application, for in-process HTTP tests. */
    public Javalin javalin() {
        return app;
    }
}

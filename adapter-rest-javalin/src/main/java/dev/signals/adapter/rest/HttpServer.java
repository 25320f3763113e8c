package dev.signals.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.adapter.rest.server.BeforeFilter;
import dev.signals.adapter.rest.server.GracefulStop;
import dev.signals.adapter.rest.server.JavalinApp;
import dev.signals.adapter.rest.server.Routes;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * The HTTP side of the service. Building it binds no port; {@link #start(int)} does, {@link #stop()}
 * lets in-flight requests finish and closes it.
 */
public final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin app;
    private final GracefulStop graceful;

    /** Serves {@code routes} without filters, with the default settings. */
    HttpServer(ObjectMapper mapper, Set<Routes> routes) {
        this(mapper, List.of(), routes, RestSettings.DEFAULTS, new SimpleMeterRegistry());
    }

    /** @param filters run in this order before the endpoints of the paths they guard, after the server's own */
    HttpServer(ObjectMapper mapper, List<BeforeFilter> filters, Set<Routes> routes, RestSettings settings,
               MeterRegistry registry) {
        this.graceful = new GracefulStop(settings.shutdownGrace());
        this.app = JavalinApp.create(mapper, settings.maxThreads(), settings.queueCapacity(), registry, graceful,
                filters, routes);
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
     * the ones in flight finish, up to 20 s, and closes the port: a {@link GracefulStop}.
     */
    public void stop() {
        graceful.stop(app::stop);
        LOG.info("HTTP server stopped");
    }

    /** The Javalin application, for in-process HTTP tests. */
    public Javalin javalin() {
        return app;
    }
}

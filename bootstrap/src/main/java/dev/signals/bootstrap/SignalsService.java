package dev.signals.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import dev.signals.adapter.eventsource.inmemory.InMemoryEventSourceModule;
import dev.signals.adapter.persistence.Database;
import dev.signals.adapter.persistence.PersistenceModule;
import dev.signals.adapter.rest.HttpServer;
import dev.signals.adapter.rest.RestModule;
import dev.signals.application.port.in.AgeIndexUseCase;
import dev.signals.application.port.in.FollowJournalUseCase;
import dev.signals.application.port.in.IssueAdminTokenUseCase;
import dev.signals.application.service.DeploymentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The running service and its lifecycle: connect and migrate the database, make sure the deployment has an
 * admin token (printing a new one), start saying this node is alive, open the HTTP port (where
 * {@code /health} answers 503, and the API 503, until the index is ready), load every journaled event into the
 * in-memory index, then follow what other nodes append to
 * the journal; on close, the reverse: stop taking requests (letting in-flight ones finish), stop following and
 * leave the deployment, then close the database, then the metrics registry. The use cases that report events and request signals are
 * counted into it.
 */
public final class SignalsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignalsService.class);

    private final Injector injector;
    private final Database database;
    private final HttpServer http;
    private final JournalFollowing following;
    private final NodeHeartbeat heartbeat;
    private final ServiceMetrics metrics;
    private final int port;
    private boolean closed;

    private SignalsService(Injector injector, int port, JournalFollowing following, NodeHeartbeat heartbeat) {
        this.injector = injector;
        this.database = injector.getInstance(Database.class);
        this.http = injector.getInstance(HttpServer.class);
        this.following = following;
        this.heartbeat = heartbeat;
        this.metrics = injector.getInstance(ServiceMetrics.class);
        this.port = port;
    }

    /** The modules of the whole service; tests replace single bindings with {@link Modules#override}. */
    public static Module modules(SignalsConfig config) {
        return Modules.combine(List.of(
                new PersistenceModule(config.database()),
                new InMemoryEventSourceModule(),
                Modules.override(new ApplicationModule(config)).with(new MetricsModule()),
                new RestModule(config.rest())));
    }

    public static SignalsService start(SignalsConfig config) {
        return start(config, modules(config));
    }

    public static SignalsService start(SignalsConfig config, Module modules) {
        Logging.routeJavaUtilLoggingToSlf4j();
        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
        Database database = injector.getInstance(Database.class);
        database.start();
        HttpServer http = injector.getInstance(HttpServer.class);
        boolean listening = false;
        NodeHeartbeat heartbeat = null;
        try {
            AdminToken.ensure(config, injector.getInstance(IssueAdminTokenUseCase.class), System.out);
            heartbeat = NodeHeartbeat.start(injector.getInstance(DeploymentService.class));
            int port = http.start(config.port());
            listening = true;
            FollowJournalUseCase follower = injector.getInstance(FollowJournalUseCase.class);
            follower.catchUp();
            return new SignalsService(injector, port, JournalFollowing.start(follower, config.checkpointInterval(),
                    injector.getInstance(AgeIndexUseCase.class), config.agingInterval()), heartbeat);
        } catch (RuntimeException e) {
            try {
                if (listening) {
                    http.stop();
                }
                if (heartbeat != null) {
                    heartbeat.close();
                }
                database.close();
            } finally {
                injector.getInstance(ServiceMetrics.class).close();
            }
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public Injector injector() {
        return injector;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Shutting down");
        try {
            http.stop();
        } finally {
            try {
                following.close();
                heartbeat.close();
                database.close();
            } finally {
                metrics.close();
            }
        }
    }
}

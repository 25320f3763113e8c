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
import dev.signals.application.port.in.FinishPendingSignalRequestsUseCase;
import dev.signals.application.port.in.RebuildEventIndexUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The running service and its lifecycle: connect and migrate the database, load every journaled event
 * into the in-memory index, finish the signal requests a crash left PROCESSING, then open the HTTP port;
 * on close, the reverse: stop taking requests (letting in-flight ones finish), then close the database,
 * then the metrics registry. The use cases that report events and request signals are counted into it.
 */
public final class SignalsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignalsService.class);

    private final Injector injector;
    private final Database database;
    private final HttpServer http;
    private final ServiceMetrics metrics;
    private final int port;
    private boolean closed;

    private SignalsService(Injector injector, int port) {
        this.injector = injector;
        this.database = injector.getInstance(Database.class);
        this.http = injector.getInstance(HttpServer.class);
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
        try {
            injector.getInstance(RebuildEventIndexUseCase.class).rebuild();
            injector.getInstance(FinishPendingSignalRequestsUseCase.class).finishPending();
            int port = injector.getInstance(HttpServer.class).start(config.port());
            return new SignalsService(injector, port);
        } catch (RuntimeException e) {
            try {
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
                database.close();
            } finally {
                metrics.close();
            }
        }
    }
}

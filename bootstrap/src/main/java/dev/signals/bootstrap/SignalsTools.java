package dev.signals.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.signals.adapter.eventsource.inmemory.InMemoryEventSourceModule;
import dev.signals.adapter.persistence.Database;
import dev.signals.adapter.persistence.PersistenceModule;
import dev.signals.application.port.in.CreateAccountUseCase;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.application.port.in.RetractEventsUseCase;

/**
 * The service's use cases without its HTTP side, for the command-line tools: the same modules, the
 * database migrated, nothing listening. Singletons are created when first asked for, so a tool builds
 * only what it uses.
 */
public final class SignalsTools implements AutoCloseable {

    private final Injector injector;
    private final Database database;

    private SignalsTools(Injector injector) {
        this.injector = injector;
        this.database = injector.getInstance(Database.class);
    }

    public static SignalsTools open(SignalsConfig config) {
        Logging.routeJavaUtilLoggingToSlf4j();
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new PersistenceModule(config.database()), new InMemoryEventSourceModule(), new ApplicationModule(config));
        SignalsTools tools = new SignalsTools(injector);
        tools.database.start();
        return tools;
    }

    public CreateAccountUseCase accounts() {
        return injector.getInstance(CreateAccountUseCase.class);
    }

    public ReportEventsUseCase events() {
        return injector.getInstance(ReportEventsUseCase.class);
    }

    public RetractEventsUseCase retractions() {
        return injector.getInstance(RetractEventsUseCase.class);
    }

    @Override
    public void close() {
        database.close();
    }
}

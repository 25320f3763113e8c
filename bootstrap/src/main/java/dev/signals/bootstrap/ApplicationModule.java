package dev.signals.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.signals.application.port.in.CheckHealthQuery;
import dev.signals.application.port.out.DatabaseHealthPort;
import dev.signals.application.service.HealthService;

/**
 * The application's services, wired to whatever adapters implement their outgoing ports. The
 * application layer carries no injection annotations, so its services are built here.
 */
final class ApplicationModule extends AbstractModule {

    @Provides
    @Singleton
    CheckHealthQuery checkHealth(DatabaseHealthPort database) {
        return new HealthService(database);
    }
}

package dev.signals.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.signals.adapter.eventsource.inmemory.InMemoryEventIndex;
import dev.signals.application.port.in.IndexStatusQuery;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.application.port.in.RetractEventsUseCase;
import dev.signals.application.port.in.RequestSignalsUseCase;
import dev.signals.application.service.EventReportService;
import dev.signals.application.service.RetractionService;
import dev.signals.application.service.SignalRequestService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The running service's metrics: binds the registry (for the REST adapter's {@code /metrics} and HTTP timer,
 * and the persistence adapter's pool), and, laid over {@link ApplicationModule}, binds the two counted
 * incoming ports in place of the bare services. The command-line tools go without it.
 */
final class MetricsModule extends AbstractModule {

    @Provides
    @Singleton
    ServiceMetrics serviceMetrics(InMemoryEventIndex index, Provider<IndexStatusQuery> following) {
        // A provider: the index's follower reads the database, whose pool reports to this registry.
        return new ServiceMetrics(index, () -> following.get().indexStatus());
    }

    @Provides
    @Singleton
    PrometheusMeterRegistry prometheusRegistry(ServiceMetrics metrics) {
        return metrics.registry();
    }

    @Provides
    @Singleton
    MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
        return registry;
    }

    @Provides
    @Singleton
    RequestSignalsUseCase requestSignals(SignalRequestService service, MeterRegistry registry) {
        return new CountedRequestSignals(service, registry);
    }

    @Provides
    @Singleton
    RetractEventsUseCase retractEvents(RetractionService service, MeterRegistry registry) {
        return new CountedRetractEvents(service, registry);
    }

    @Provides
    @Singleton
    ReportEventsUseCase reportEvents(EventReportService service, MeterRegistry registry) {
        return new CountedReportEvents(service, registry);
    }
}

package dev.signals.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.signals.adapter.rest.filters.Authentication;
import dev.signals.adapter.rest.filters.RateLimits;
import dev.signals.adapter.rest.filters.Readiness;
import dev.signals.adapter.rest.json.JsonBodies;
import dev.signals.adapter.rest.json.JsonMapping;
import dev.signals.adapter.rest.routes.AdminRoutes;
import dev.signals.adapter.rest.routes.ApiDocsRoutes;
import dev.signals.adapter.rest.routes.CatalogueRoutes;
import dev.signals.adapter.rest.routes.ConsentTemplateRoutes;
import dev.signals.adapter.rest.routes.EventRoutes;
import dev.signals.adapter.rest.routes.HealthRoutes;
import dev.signals.adapter.rest.routes.MetricsRoutes;
import dev.signals.adapter.rest.routes.OpenApiRoutes;
import dev.signals.adapter.rest.routes.RetractionRoutes;
import dev.signals.adapter.rest.routes.SignalRoutes;
import dev.signals.adapter.rest.server.BeforeFilter;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import dev.signals.application.port.in.AuthenticateAdminQuery;
import dev.signals.application.port.in.AuthenticateClientQuery;
import dev.signals.application.port.in.CheckHealthQuery;
import dev.signals.application.port.in.CreateAccountUseCase;
import dev.signals.application.port.in.DeploymentQuery;
import dev.signals.application.port.in.GetSignalRequestQuery;
import dev.signals.application.port.in.IndexStatusQuery;
import dev.signals.application.port.in.ListCatalogueQuery;
import dev.signals.application.port.in.ListConsentTemplatesQuery;
import dev.signals.application.port.in.ListSignalRequestsQuery;
import dev.signals.application.port.in.ManageConsentTemplatesUseCase;
import dev.signals.application.port.in.ManageSignalSelectionUseCase;
import dev.signals.application.port.in.ManageSignalTemplatesUseCase;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.application.port.in.RetractEventsUseCase;
import dev.signals.application.port.in.RequestSignalsUseCase;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.List;
import java.util.Set;

/**
 * Binds the HTTP server, its filters and its route groups, built from the application's incoming ports, which
 * bootstrap binds, as it binds the metrics registry that {@code GET /metrics} shows and the HTTP timer
 * feeds. Binds no port: the lifecycle starts the server.
 */
public final class RestModule extends AbstractModule {

    private final RestSettings settings;

    public RestModule() {
        this(RestSettings.DEFAULTS);
    }

    public RestModule(RestSettings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    @Provides
    @Singleton
    ObjectMapper objectMapper() {
        return JsonMapping.objectMapper();
    }

    @Provides
    @Singleton
    Responses responses(ObjectMapper mapper) {
        return new Responses(mapper);
    }

    @Provides
    @Singleton
    JsonBodies jsonBodies(ObjectMapper mapper) {
        return new JsonBodies(mapper);
    }

    /**
     * In this order: who calls, then whether this node can answer yet, so that a node that is starting still
     * refuses a caller without credentials.
     */
    @Provides
    @Singleton
    List<BeforeFilter> filters(AuthenticateClientQuery clients, AuthenticateAdminQuery admin, DeploymentQuery deployment,
                               IndexStatusQuery index) {
        RateLimits limits = new RateLimits(settings.requestsPerSecond(), settings.burst(), settings.failedAuthAttempts(),
                settings.failedAuthWindow(), System::nanoTime, deployment::aliveNodes);
        return List.of(new Authentication(clients, admin, limits), new Readiness(index));
    }

    @ProvidesIntoSet
    Routes healthRoutes(CheckHealthQuery health, Responses responses) {
        return new HealthRoutes(health, responses);
    }

    @ProvidesIntoSet
    Routes signalRoutes(RequestSignalsUseCase requestSignals, GetSignalRequestQuery getSignalRequest,
                        ListSignalRequestsQuery listSignalRequests, JsonBodies bodies, Responses responses) {
        return new SignalRoutes(requestSignals, getSignalRequest, listSignalRequests, bodies, responses);
    }

    @ProvidesIntoSet
    Routes catalogueRoutes(ListCatalogueQuery catalogue, Responses responses) {
        return new CatalogueRoutes(catalogue, responses);
    }

    @ProvidesIntoSet
    Routes consentTemplateRoutes(ManageConsentTemplatesUseCase manage, ListConsentTemplatesQuery list,
                                 JsonBodies bodies, Responses responses) {
        return new ConsentTemplateRoutes(manage, list, bodies, responses);
    }

    @ProvidesIntoSet
    Routes eventRoutes(ReportEventsUseCase events, JsonBodies bodies, Responses responses) {
        return new EventRoutes(events, bodies, responses);
    }

    @ProvidesIntoSet
    Routes retractionRoutes(RetractEventsUseCase retractions, JsonBodies bodies, Responses responses) {
        return new RetractionRoutes(retractions, bodies, responses);
    }

    @ProvidesIntoSet
    Routes adminRoutes(CreateAccountUseCase accounts, ManageSignalSelectionUseCase selections,
                       ManageSignalTemplatesUseCase templates, JsonBodies bodies, Responses responses) {
        return new AdminRoutes(accounts, selections, templates, bodies, responses);
    }

    @ProvidesIntoSet
    Routes metricsRoutes(PrometheusMeterRegistry registry) {
        return new MetricsRoutes(registry);
    }

    @ProvidesIntoSet
    Routes openApiRoutes(ObjectMapper mapper) {
        return OpenApiRoutes.load(mapper);
    }

    @ProvidesIntoSet
    Routes apiDocsRoutes() {
        return ApiDocsRoutes.load();
    }

    @Provides
    @Singleton
    HttpServer httpServer(ObjectMapper mapper, List<BeforeFilter> filters, Set<Routes> routes, PrometheusMeterRegistry registry) {
        return new HttpServer(mapper, filters, routes, settings, registry);
    }
}

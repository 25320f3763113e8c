package dev.signals.adapter.rest;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.signals.adapter.rest.json.JsonMapping;
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
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestCase;

import java.util.Set;

/**
 * The REST adapter as {@link RestModule} wires it, over an {@link InMemoryApplication} bound as every
 * incoming port, the way bootstrap binds the real services.
 */
public final class TestApp {

    private TestApp() {
    }

    public static Javalin over(InMemoryApplication application) {
        return over(application, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public static Javalin over(InMemoryApplication application, PrometheusMeterRegistry registry) {
        return over(application, registry, RestSettings.DEFAULTS);
    }

    /** With these limits (rate, burst, failed attempts...) instead of the defaults. */
    public static Javalin over(InMemoryApplication application, RestSettings settings) {
        return over(application, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), settings);
    }

    private static Javalin over(InMemoryApplication application, PrometheusMeterRegistry registry, RestSettings settings) {
        Injector injector = Guice.createInjector(new RestModule(settings), binder -> {
            binder.bind(PrometheusMeterRegistry.class).toInstance(registry);
            binder.bind(AuthenticateClientQuery.class).toInstance(application);
            binder.bind(AuthenticateAdminQuery.class).toInstance(application);
            binder.bind(CheckHealthQuery.class).toInstance(application);
            binder.bind(IndexStatusQuery.class).toInstance(application);
            binder.bind(DeploymentQuery.class).toInstance(() -> 1);
            binder.bind(RequestSignalsUseCase.class).toInstance(application);
            binder.bind(GetSignalRequestQuery.class).toInstance(application);
            binder.bind(ListSignalRequestsQuery.class).toInstance(application);
            binder.bind(ListCatalogueQuery.class).toInstance(application);
            binder.bind(ManageConsentTemplatesUseCase.class).toInstance(application);
            binder.bind(ListConsentTemplatesQuery.class).toInstance(application);
            binder.bind(CreateAccountUseCase.class).toInstance(application);
            binder.bind(ManageSignalSelectionUseCase.class).toInstance(application);
            binder.bind(ManageSignalTemplatesUseCase.class).toInstance(application);
            binder.bind(ReportEventsUseCase.class).toInstance(application.events());
            binder.bind(RetractEventsUseCase.class).toInstance(application.events());
        });
        return injector.getInstance(HttpServer.class).javalin();
    }

    /** The server alone, serving {@code routes}: its own mechanics and these handlers, no filter, no application. */
    public static Javalin serving(Set<Routes> routes) {
        return new HttpServer(JsonMapping.objectMapper(), routes).javalin();
    }

    /** Runs {@code test} against a fresh server over {@code application}, with an {@link ApiClient}. */
    public static void test(InMemoryApplication application, ApiTest test) {
        JavalinTest.test(over(application), (TestCase) (server, client) -> test.run(new ApiClient(client)));
    }

    @FunctionalInterface
    public interface ApiTest {
        void run(ApiClient api) throws Exception;
    }
}

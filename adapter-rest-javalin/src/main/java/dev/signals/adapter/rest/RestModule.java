package dev.signals.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.signals.application.port.in.CheckHealthQuery;

import java.util.Set;

/** Binds the HTTP server and its route groups. Binds no port: the lifecycle starts the server. */
public final class RestModule extends AbstractModule {

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

    @ProvidesIntoSet
    Routes healthRoutes(CheckHealthQuery health, Responses responses) {
        return new HealthRoutes(health, responses);
    }

    @Provides
    @Singleton
    HttpServer httpServer(ObjectMapper mapper, Responses responses, Set<Routes> routes) {
        return new HttpServer(mapper, new ErrorMapper(responses), routes);
    }
}

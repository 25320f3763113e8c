package dev.signals.application.service;

import dev.signals.application.port.in.CheckHealthQuery;
import dev.signals.application.port.in.HealthReport;
import dev.signals.application.port.out.DatabaseHealthPort;

import java.util.Objects;

/** The service is healthy when its database answers; nothing else is cached or assumed. */
public final class HealthService implements CheckHealthQuery {

    private final DatabaseHealthPort database;

    public HealthService(DatabaseHealthPort database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public HealthReport check() {
        return new HealthReport(database.answers(), database.kind());
    }
}

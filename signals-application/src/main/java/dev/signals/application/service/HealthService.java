package dev.signals.application.service;

import dev.signals.application.port.in.CheckHealthQuery;
import dev.signals.application.port.in.HealthReport;
import dev.signals.application.port.in.IndexStatusQuery;
import dev.signals.application.port.out.DatabaseHealthPort;

import java.util.Objects;

/** The node is healthy when its database answers and its index follows the journal; nothing is cached. */
public final class HealthService implements CheckHealthQuery {

    private final DatabaseHealthPort database;
    private final IndexStatusQuery index;

    public HealthService(DatabaseHealthPort database, IndexStatusQuery index) {
        this.database = Objects.requireNonNull(database, "database");
        this.index = Objects.requireNonNull(index, "index");
    }

    @Override
    public HealthReport check() {
        return new HealthReport(database.answers(), database.kind(), index.indexStatus());
    }
}

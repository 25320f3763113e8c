package dev.signals.adapter.persistence;

import dev.signals.application.port.out.DatabaseHealthPort;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Probes the database with {@code SELECT 1}; a failure is an answer (false), never an exception. */
final class JooqDatabaseHealth implements DatabaseHealthPort {

    private static final Logger LOG = LoggerFactory.getLogger(JooqDatabaseHealth.class);

    private final Database database;

    JooqDatabaseHealth(Database database) {
        this.database = database;
    }

    @Override
    public boolean answers() {
        try {
            return database.dsl().selectOne().fetchOne() != null;
        } catch (DataAccessException | IllegalStateException e) {
            LOG.warn("Database does not answer: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public String kind() {
        return database.kind().name();
    }
}

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

    /**
     * A probe that failed on a connection the database had dropped has already made the pool evict its
     * idle connections ({@link ConnectionLossListener}); one more probe then runs on a new connection.
     */
    @Override
    public boolean answers() {
        try {
            return probe();
        } catch (DataAccessException first) {
            if (!ConnectionLossListener.isConnectionLoss(first)) {
                LOG.warn("Database does not answer: {}", first.getMessage());
                return false;
            }
            try {
                return probe();
            } catch (DataAccessException second) {
                LOG.warn("Database does not answer: {}", second.getMessage());
                return false;
            }
        } catch (IllegalStateException notStarted) {
            return false;
        }
    }

    private boolean probe() {
        return database.dsl().selectOne().fetchOne() != null;
    }

    @Override
    public String kind() {
        return database.kind().name();
    }
}

package dev.signals.adapter.persistence;

import dev.signals.application.port.out.DatabaseHealthPort;
import dev.signals.application.port.StorageUnavailableException;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the database with {@code SELECT 1}; a failure is an answer (false), never an exception. The probe goes
 * through {@link Statements}, so that while the database is known unreachable it answers at once ({@link Reachability}),
 * and a probe that gets through opens the way for every call again.
 */
final class JooqDatabaseHealth implements DatabaseHealthPort {

    private static final Logger LOG = LoggerFactory.getLogger(JooqDatabaseHealth.class);

    private final Database database;
    private final Statements statements;

    JooqDatabaseHealth(Database database) {
        this.database = database;
        this.statements = new Statements(database);
    }

    /**
     * A probe that failed on a connection the database had dropped has already made the pool evict its
     * idle connections ({@link ConnectionLossListener}); one more probe then runs on a new connection. Only the first
     * failure of an outage is logged: {@code /health} is asked every few seconds.
     */
    @Override
    public boolean answers() {
        boolean wasReachable = !database.reachability().isUnreachable();
        try {
            return probe();
        } catch (StorageUnavailableException first) {
            if (database.reachability().isUnreachable()) {
                if (wasReachable) {
                    LOG.warn("Database does not answer: {}", first.getMessage());
                }
                return false;
            }
            try {
                return probe();
            } catch (StorageUnavailableException | DataAccessException second) {
                LOG.warn("Database does not answer: {}", second.getMessage());
                return false;
            }
        } catch (DataAccessException other) {
            LOG.warn("Database does not answer: {}", other.getMessage());
            return false;
        } catch (IllegalStateException notStarted) {
            return false;
        }
    }

    private boolean probe() {
        return statements.run(dsl -> dsl.selectOne().fetchOne() != null);
    }

    @Override
    public String kind() {
        return database.kind().name();
    }
}

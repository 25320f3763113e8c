package dev.signals.adapter.persistence;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.sql.SQLException;

/**
 * When a statement fails because its connection is gone (SQLSTATE class 08), the database most likely
 * dropped every connection of the pool: evict the idle ones too, so that the next statement gets a new
 * connection instead of another dead one.
 */
final class ConnectionLossListener implements ExecuteListener {

    private final Runnable evictIdleConnections;

    ConnectionLossListener(Runnable evictIdleConnections) {
        this.evictIdleConnections = evictIdleConnections;
    }

    @Override
    public void exception(ExecuteContext ctx) {
        if (isConnectionLoss(ctx.sqlException())) {
            evictIdleConnections.run();
        }
    }

    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}

package dev.signals.adapter.persistence;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.sql.SQLException;
import java.util.Set;

/**
 * When a statement fails because its connection is gone, the database most likely dropped every connection
 * of the pool: evict the idle ones too, so that the next statement gets a new connection instead of another
 * dead one. A connection is gone on SQLSTATE class 08 (connection exception), and on PostgreSQL's
 * {@code 57P01} (admin shutdown), {@code 57P02} (crash shutdown) and {@code 57P03} (cannot connect now),
 * which a server that is stopping, crashing or still starting sends before it closes the connection.
 */
final class ConnectionLossListener implements ExecuteListener {

    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

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
            if (cause instanceof SQLException sql && isConnectionLossState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionLossState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SERVER_GOING_AWAY.contains(sqlState));
    }
}

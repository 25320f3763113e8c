package dev.signals.adapter.persistence;

import dev.signals.application.port.StorageUnavailableException;
import org.jooq.ConnectionCallable;
import org.jooq.DSLContext;
import org.jooq.conf.ParamCastMode;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;

import java.sql.SQLTransientConnectionException;
import java.util.function.Function;

/**
 * How the repositories run their SQL: on the {@link Database}'s jOOQ context, alone or in one transaction.
 * This is the one place where a database that cannot be reached becomes {@link StorageUnavailableException}
 * (so that callers answer 503 with nothing half-written): a lost connection
 * ({@link ConnectionLossListener#isConnectionLoss}) or no connection to be had from the pool in time
 * ({@link SQLTransientConnectionException}). Every other failure, a violated constraint or a bad
 * statement, propagates unchanged.
 */
final class Statements {

    /** SQLSTATE unique_violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;

    Statements(Database database) {
        this.database = database;
    }

    /**
     * Runs {@code work}, each statement in its own auto-committed transaction. While the database is known unreachable
     * this throws {@link StorageUnavailableException} at once, but for a probe now and then ({@link Reachability}).
     */
    <T> T run(Function<DSLContext, T> work) {
        Reachability reachability = database.reachability();
        long entered = reachability.enter();
        boolean reached = true;
        try {
            return work.apply(database.dsl());
        } catch (DataAccessException e) {
            RuntimeException translated = translated(e);
            if (translated instanceof StorageUnavailableException unavailable && refusesNewConnections(e)) {
                reachability.unreachable(unavailable, entered);
                reached = false;
            }
            throw translated;
        } catch (StorageUnavailableException e) {
            reached = false; // a nested call found it unreachable, or was refused: the state says so already
            throw e;
        } finally {
            if (reached) {
                reachability.reached();
            }
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Function<DSLContext, T> work) {
        return run(dsl -> dsl.transactionResult(transaction -> work.apply(transaction.dsl())));
    }

    /**
     * Runs {@code work} on the connection of {@code dsl} (a transaction's, say) with plain JDBC. A lost connection
     * evicts the pool's idle ones, as {@link ConnectionLossListener} does for the statements jOOQ runs, which it does
     * not see here; the failure propagates for {@link #run} to translate.
     */
    <T> T onConnection(DSLContext dsl, ConnectionCallable<T> work) {
        try {
            return dsl.connectionResult(work);
        } catch (DataAccessException e) {
            if (ConnectionLossListener.isConnectionLoss(e)) {
                database.evictIdleConnections();
            }
            throw e;
        }
    }

    /**
     * {@code dsl} with plain bind parameters, not the {@code CAST(? AS VARCHAR(256))} jOOQ renders for H2 by default:
     * H2 uses an {@code IN} list with an index only when its elements are plain parameters (PostgreSQL takes either).
     */
    static DSLContext withPlainParameters(DSLContext dsl) {
        return DSL.using(dsl.configuration().derive(SettingsTools.clone(dsl.settings()).withParamCastMode(ParamCastMode.NEVER)));
    }

    /** {@link StorageUnavailableException} when the database cannot be reached, {@code failure} itself otherwise. */
    static RuntimeException translated(DataAccessException failure) {
        if (cannotReachDatabase(failure)) {
            return new StorageUnavailableException("the database cannot be reached: " + failure.getMessage(), failure);
        }
        return failure;
    }

    /** Whether {@code failure} is a violated primary key or unique constraint. */
    static boolean isUniqueViolation(DataAccessException failure) {
        return UNIQUE_VIOLATION.equals(failure.sqlState());
    }

    /**
     * Whether the pool could give no connection because its last attempt to open one failed: the database (or the way
     * to it) is gone. Not a lost connection, whose successor may work, nor a pool whose connections are all busy (no
     * cause), which is load, not an outage.
     */
    static boolean refusesNewConnections(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException timedOut) {
                return timedOut.getCause() != null || timedOut.getNextException() != null;
            }
        }
        return false;
    }

    static boolean cannotReachDatabase(Throwable failure) {
        if (ConnectionLossListener.isConnectionLoss(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}

package dev.signals.adapter.persistence;

/**
 * The embedded H2 database is open in another process: it serves one process at a time (a service, or an
 * import or generate command on the same data directory). Several nodes share PostgreSQL instead.
 */
public final class DatabaseInUseException extends IllegalStateException {

    DatabaseInUseException(String redactedUrl, Throwable h2Failure) {
        super("The embedded H2 database " + redactedUrl + " is in use by another process (a running service, or an"
                + " import on the same data directory): stop that one first. The embedded database serves one process;"
                + " to run several nodes, give them one PostgreSQL database (SIGNALS_DB_URL=jdbc:postgresql://...).");
        // Not the cause: the message above is what a reader needs; H2's own is kept for the debug log.
        addSuppressed(h2Failure);
    }

    /** Whether {@code failure} or one of its causes is this: for callers that must not depend on JDBC (the command line). */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DatabaseInUseException) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code failure} is H2's "database may be already in use" (error 90020). */
    static boolean isInUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    /** {@code org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1}. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
}

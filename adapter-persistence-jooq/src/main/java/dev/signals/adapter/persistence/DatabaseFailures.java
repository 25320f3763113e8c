package dev.signals.adapter.persistence;

import java.sql.SQLException;

/** What a failure of the database means, for callers that must not depend on JDBC (the command line). */
public final class DatabaseFailures {

    /** H2's DATABASE_ALREADY_OPEN_1, "Database may be already in use": another process has the file open. */
    static final String H2_DATABASE_ALREADY_OPEN = "90020";

    private DatabaseFailures() {
    }

    /** Whether {@code failure}, or one of its causes, says that another process has the (H2 file) database open. */
    public static boolean openInAnotherProcess(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && H2_DATABASE_ALREADY_OPEN.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

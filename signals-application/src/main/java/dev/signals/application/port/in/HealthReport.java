package dev.signals.application.port.in;

/**
 * What {@code GET /health} reports: the service is healthy exactly when its database answers.
 *
 * @param databaseUp whether the database answered a trivial query in time
 * @param database   which kind of database this instance runs on, e.g. {@code H2} or {@code POSTGRES}
 */
public record HealthReport(boolean databaseUp, String database) {

    public boolean healthy() {
        return databaseUp;
    }
}

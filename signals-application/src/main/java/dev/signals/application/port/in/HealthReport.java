package dev.signals.application.port.in;

import dev.signals.application.port.in.IndexStatusQuery.IndexStatus;

import java.time.Duration;

/**
 * What {@code GET /health} reports: the node is healthy when its database answers and its event index follows
 * the journal (contract section 7.1): it has read the journal once since it started, and its view of the journal
 * is at most {@link #MAX_LAG} old.
 *
 * @param databaseUp whether the database answered a trivial query in time
 * @param database   which kind of database this instance runs on, e.g. {@code H2} or {@code POSTGRES}
 * @param index      how far the event index has followed the journal
 */
public record HealthReport(boolean databaseUp, String database, IndexStatus index) {

    /** How old a ready node's view of the journal may be before it reports itself unhealthy. */
    public static final Duration MAX_LAG = Duration.ofSeconds(5);

    public boolean healthy() {
        return databaseUp && index.ready() && index.lag() != null && index.lag().compareTo(MAX_LAG) <= 0;
    }

    /** Why the node is not healthy, in a sentence; null when it is. */
    public String problem() {
        if (!databaseUp) {
            return "The database (" + database + ") does not answer";
        }
        if (!index.ready()) {
            return "This node is starting: its event index is reading the journal (" + index.events() + " events so far)";
        }
        if (!healthy()) {
            return "This node's event index is " + index.lag().toMillis() + " ms behind the journal";
        }
        return null;
    }
}

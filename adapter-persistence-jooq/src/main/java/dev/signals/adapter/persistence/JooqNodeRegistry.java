package dev.signals.adapter.persistence;

import dev.signals.application.port.out.NodeRegistryPort;

import java.time.Duration;
import java.time.Instant;

import static dev.signals.adapter.persistence.jooq.Tables.NODE;

/** The nodes serving the database in {@code node}: one row each, its {@code last_seen} moved up while it runs. */
final class JooqNodeRegistry implements NodeRegistryPort {

    private final Statements statements;

    JooqNodeRegistry(Database database) {
        this.statements = new Statements(database);
    }

    @Override
    public void alive(String nodeId, Instant startedAt, Instant now) {
        statements.run(dsl -> dsl.insertInto(NODE)
                .set(NODE.ID, nodeId)
                .set(NODE.STARTED_AT, Timestamps.toColumn(startedAt))
                .set(NODE.LAST_SEEN, Timestamps.toColumn(now))
                .onConflict(NODE.ID)
                .doUpdate()
                .set(NODE.LAST_SEEN, Timestamps.toColumn(now))
                .execute());
    }

    @Override
    public int aliveNodes(Instant now, Duration within) {
        int alive = statements.run(dsl -> dsl.fetchCount(NODE, NODE.LAST_SEEN.ge(Timestamps.toColumn(now.minus(within)))));
        return Math.max(1, alive);
    }

    @Override
    public void leave(String nodeId) {
        statements.run(dsl -> dsl.deleteFrom(NODE).where(NODE.ID.eq(nodeId)).execute());
    }
}

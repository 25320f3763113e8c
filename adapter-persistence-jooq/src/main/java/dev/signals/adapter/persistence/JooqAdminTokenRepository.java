package dev.signals.adapter.persistence;

import dev.signals.application.port.out.AdminTokenPort;

import java.time.Clock;
import java.util.Optional;

import static dev.signals.adapter.persistence.jooq.Tables.ADMIN_TOKEN;

/**
 * The deployment's generated admin token in {@code admin_token}: one row at most (id 1), inserted by whichever
 * node gets there first ({@code ON CONFLICT DO NOTHING} on PostgreSQL, {@code MERGE} on H2).
 */
final class JooqAdminTokenRepository implements AdminTokenPort {

    private static final short ONLY = 1;

    private final Statements statements;
    private final Clock clock;

    JooqAdminTokenRepository(Database database, Clock clock) {
        this.statements = new Statements(database);
        this.clock = clock;
    }

    @Override
    public Optional<String> storedHash() {
        return statements.run(dsl -> dsl.select(ADMIN_TOKEN.TOKEN_HASH).from(ADMIN_TOKEN)
                .where(ADMIN_TOKEN.ID.eq(ONLY)).fetchOptional(ADMIN_TOKEN.TOKEN_HASH));
    }

    @Override
    public boolean storeIfNone(String hash) {
        return statements.run(dsl -> dsl.insertInto(ADMIN_TOKEN)
                .set(ADMIN_TOKEN.ID, ONLY)
                .set(ADMIN_TOKEN.TOKEN_HASH, hash)
                .set(ADMIN_TOKEN.CREATED_AT, Timestamps.toColumn(clock.instant()))
                .onConflictDoNothing()
                .execute()) == 1;
    }
}

package dev.signals.adapter.persistence;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What the nodes of one deployment share besides the journal: the generated admin token and who is alive. */
class DeploymentTablesTest {

    private static final Instant T = Instant.parse("2026-12-04T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theAdminTokenIsStoredByTheFirstNodeOnly(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind); var other = StartedDatabase.sharing(db)) {
            var first = new JooqAdminTokenRepository(db.database(), Clock.systemUTC());
            var second = new JooqAdminTokenRepository(other.database(), Clock.systemUTC());
            assertThat(first.storedHash()).isEmpty();
            assertThat(first.storeIfNone("a".repeat(64))).isTrue();
            assertThat(second.storeIfNone("b".repeat(64))).isFalse();
            assertThat(second.storedHash()).contains("a".repeat(64));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void nodesCountAsAliveUntilTheyLeaveOrFallSilent(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var registry = new JooqNodeRegistry(db.database());
            assertThat(registry.aliveNodes(T, Duration.ofSeconds(5))).as("at least the node asking").isEqualTo(1);
            registry.alive("node-a", T, T);
            registry.alive("node-b", T, T.plusSeconds(1));
            registry.alive("node-c", T, T.plusSeconds(2));
            assertThat(registry.aliveNodes(T.plusSeconds(2), Duration.ofSeconds(5))).isEqualTo(3);
            registry.alive("node-a", T, T.plusSeconds(7));
            assertThat(registry.aliveNodes(T.plusSeconds(7), Duration.ofSeconds(5))).as("b fell silent").isEqualTo(2);
            registry.leave("node-c");
            assertThat(registry.aliveNodes(T.plusSeconds(7), Duration.ofSeconds(5))).isEqualTo(1);
        }
    }
}

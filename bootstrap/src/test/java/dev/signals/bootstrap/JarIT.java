package dev.signals.bootstrap;

import dev.signals.bootstrap.api.ApiClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar does what the README says, with nothing but Java. */
class JarIT {

    @Test
    void theJarServesHealthOnTheEmbeddedDefaultAndStopsCleanlyOnSigterm(@TempDir Path dataDir) throws Exception {
        try (RunningJar jar = RunningJar.start(Map.of("SIGNALS_PORT", "0", "SIGNALS_DATA_DIR", dataDir.toString()))) {
            int port = jar.awaitPort(Duration.ofSeconds(60));

            var health = ApiClient.anonymous(port).get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.code()).isEqualTo("OK");
            assertThat(health.body().get("requestId").asText()).isNotBlank();
            assertThat(dataDir.resolve("signals.mv.db")).exists();

            jar.terminate(Duration.ofSeconds(30));
            assertThat(jar.output()).anyMatch(line -> line.contains("Database connections closed"));
        }
    }

    @Test
    void aBadSettingStopsTheJarWithAMessageNamingIt(@TempDir Path dataDir) throws Exception {
        try (RunningJar jar = RunningJar.start(Map.of("SIGNALS_PORT", "0", "SIGNALS_DATA_DIR", dataDir.toString(),
                "SIGNALS_DB_URL", "jdbc:mysql://localhost/signals"))) {
            assertThat(jar.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(String.join("\n", jar.output()))
                    .contains("SIGNALS_DB_URL must be a jdbc:h2: or a jdbc:postgresql: URL")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aSecondProcessOnTheSameEmbeddedDatabaseStopsSayingWhyAndPointsToPostgres(@TempDir Path dataDir) throws Exception {
        try (RunningJar first = RunningJar.start(Map.of("SIGNALS_PORT", "0", "SIGNALS_DATA_DIR", dataDir.toString()))) {
            first.awaitPort(Duration.ofSeconds(60));
            try (RunningJar second = RunningJar.start(Map.of("SIGNALS_PORT", "0", "SIGNALS_DATA_DIR", dataDir.toString()))) {
                assertThat(second.awaitExit(Duration.ofSeconds(60))).isNotZero();
                assertThat(String.join("\n", second.output()))
                        .contains("is in use by another process")
                        .contains("Stop that process first")
                        .contains("PostgreSQL")
                        .doesNotContain("\tat ");
            }
        }
    }
}

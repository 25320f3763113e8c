package dev.signals.bootstrap;

import dev.signals.bootstrap.api.ApiClient;

import dev.signals.adapter.persistence.DatabaseKind;
import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.adapter.persistence.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The assembled service, started as {@code Main} starts it, called over real HTTP. */
class SignalsServiceTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void healthIsOkOnEitherDatabase(DatabaseKind kind, @TempDir Path dataDir) {
        try (var database = TestDatabases.create(kind);
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings()))) {
            var health = ApiClient.anonymous(service.port()).get("/health");

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.code()).isEqualTo("OK");
            assertThat(health.body().get("data").get("database").asText()).isEqualTo(kind.name());
        }
    }

    @Test
    void theEmbeddedDefaultIsAnH2FileDatabaseInTheDataDirectoryThatOutlivesARestart(@TempDir Path dataDir) {
        SignalsConfig config = SignalsConfig.of(0, dataDir, null, null, null);
        assertThat(config.database().kind()).isEqualTo(DatabaseKind.H2);

        try (var service = SignalsService.start(config)) {
            assertThat(ApiClient.anonymous(service.port()).get("/health").status()).isEqualTo(200);
        }
        assertThat(dataDir.resolve("signals.mv.db")).exists();
        try (var again = SignalsService.start(config)) {
            assertThat(ApiClient.anonymous(again.port()).get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void healthIs503WhilePostgresIsUnreachableAndRecoversWithoutARestart(@TempDir Path dataDir) throws Exception {
        try (var database = TestDatabases.postgres()) {
            URI target = URI.create(database.settings().url().substring("jdbc:".length()));
            try (var proxy = new TcpProxyForTests(target.getHost(), target.getPort()).open()) {
                String viaProxy = database.settings().url().replace(":" + target.getPort() + "/", ":" + proxy.port() + "/");
                DatabaseSettings settings = DatabaseSettings.of(viaProxy, null, null).withSchema(database.settings().schema());

                try (var service = SignalsService.start(new SignalsConfig(0, dataDir, settings))) {
                    var client = ApiClient.anonymous(service.port());
                    assertThat(client.get("/health").status()).isEqualTo(200);

                    proxy.cut();
                    var down = client.get("/health");
                    assertThat(down.status()).isEqualTo(503);
                    assertThat(down.code()).isEqualTo("SERVER_UNAVAILABLE");
                    assertThat(down.body().get("data").size()).isZero();

                    proxy.open();
                    // the pool reconnects and the follower catches up on its own; how soon depends on the machine
                    int status = client.get("/health").status();
                    for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                         status != 200 && System.nanoTime() < deadline; status = client.get("/health").status()) {
                        Thread.sleep(100);
                    }
                    assertThat(status).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void closingTwiceIsHarmless(@TempDir Path dataDir) {
        var service = SignalsService.start(SignalsConfig.of(0, dataDir, null, null, null));
        service.close();
        service.close();
        assertThat(Files.exists(dataDir.resolve("signals.mv.db"))).isTrue();
    }
}

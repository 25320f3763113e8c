package dev.signals.bootstrap;

import dev.signals.adapter.persistence.DatabaseKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalsConfigTest {

    @Test
    void withoutADatabaseUrlTheServiceUsesAnH2FileInTheDataDirectory() {
        SignalsConfig config = SignalsConfig.of(7070, Path.of("some/dir"), " ", null, null);

        assertThat(config.database().kind()).isEqualTo(DatabaseKind.H2);
        assertThat(config.database().url())
                .startsWith("jdbc:h2:file:" + Path.of("some/dir").toAbsolutePath().normalize().resolve("signals"));
    }

    @Test
    void aPostgresUrlSelectsPostgres() {
        SignalsConfig config = SignalsConfig.of(7070, Path.of("data"), "jdbc:postgresql://db:5432/signals", "app", "pw");

        assertThat(config.database().kind()).isEqualTo(DatabaseKind.POSTGRES);
        assertThat(config.database().user()).isEqualTo("app");
    }

    @Test
    void anImpossiblePortOrAnUnknownDatabaseIsRefusedWithAMessageNamingTheSetting() {
        assertThatThrownBy(() -> SignalsConfig.of(70_000, Path.of("data"), null, null, null))
                .hasMessageContaining("SIGNALS_PORT");
        assertThatThrownBy(() -> SignalsConfig.of(7070, Path.of("data"), "jdbc:mysql://db/x", null, null))
                .hasMessageContaining("SIGNALS_DB_URL");
    }
}

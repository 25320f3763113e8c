package dev.signals.bootstrap.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void flagsDefaultToTheContractsDefaults() {
        Main main = new Main();
        new CommandLine(main).parseArgs();

        assertThat(main.port).isEqualTo(System.getenv("SIGNALS_PORT") == null ? 7070 : Integer.parseInt(System.getenv("SIGNALS_PORT")));
        if (System.getenv("SIGNALS_DATA_DIR") == null) {
            assertThat(main.database.dataDir).isEqualTo(Path.of("./data"));
        }
    }

    @Test
    void aFlagOverridesItsVariable() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--port", "9191", "--data-dir", "/tmp/signals");

        assertThat(main.port).isEqualTo(9191);
        assertThat(main.database.dataDir).isEqualTo(Path.of("/tmp/signals"));
    }

    @Test
    void theToolsAreSubcommandsWithTheirOwnHelp() {
        CommandLine cli = new CommandLine(new Main());
        assertThat(cli.getSubcommands()).containsKeys("import", "generate");
        assertThat(cli.getSubcommands().get("import").getUsageMessage()).contains("--institution").contains("--format");
    }
}

package dev.signals.bootstrap.cli;

import dev.signals.bootstrap.SignalsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    @Test
    void theDemoAccountAndItsCurlCommandArePrintedWhenThePortAnswersAndOnlyOnce(@TempDir Path dataDir) {
        Main.DemoData small = new Main.DemoData(300, 50, 3);
        PortCheckingWriter out = new PortCheckingWriter();

        try (SignalsService service = start(dataDir, small, out)) {
            assertThat(service).isNotNull();
            assertThat(out.text()).contains("Generating the demo data: 300 events about 50 phone numbers from 3 lenders, about 5 s on 2 idle cores")
                    .contains("Demo account (shown once): API key key_")
                    .contains("Try: curl -s -u 'key_")
                    .contains("localhost:" + service.port() + "/v1/alpha/signals");
            assertThat(out.text().indexOf("Generating the demo data")).isLessThan(out.text().indexOf("Demo account"));
            assertThat(out.portAnsweredWhenTheCurlLineWasPrinted).isTrue();
        }
        PortCheckingWriter again = new PortCheckingWriter();
        try (SignalsService service = start(dataDir, small, again)) {
            assertThat(service).isNotNull();
            assertThat(again.text()).doesNotContain("Demo account").doesNotContain("Generating");
        }
    }

    private static SignalsService start(Path dataDir, Main.DemoData demo, Writer out) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        cli.parseArgs("--data-dir", dataDir.toString(), "--port", "0");
        return main.start(main.database.config(main.port), demo);
    }

    /** Records, when the curl line is written, whether its port takes a connection at that moment. */
    private static final class PortCheckingWriter extends Writer {

        private static final Pattern CURL = Pattern.compile("Try: curl .* localhost:(\\d+)/");

        private final StringBuilder text = new StringBuilder();
        Boolean portAnsweredWhenTheCurlLineWasPrinted;

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            Matcher curl = CURL.matcher(text);
            if (portAnsweredWhenTheCurlLineWasPrinted == null && curl.find()) {
                try {
                    new Socket("127.0.0.1", Integer.parseInt(curl.group(1))).close();
                    portAnsweredWhenTheCurlLineWasPrinted = true;
                } catch (IOException e) {
                    portAnsweredWhenTheCurlLineWasPrinted = false;
                }
            }
        }

        String text() {
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}

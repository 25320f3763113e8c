package dev.signals.bootstrap;

import dev.signals.bootstrap.ReadmeBlocks.Block;
import dev.signals.bootstrap.ReadmeBlocks.Quotes;
import dev.signals.bootstrap.ReadmeBlocks.Skip;
import dev.signals.bootstrap.ReadmeBlocks.StartService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's blocks as {@link ReadmeIT} reads them, checked without running anything: each shell block runs or
 * says why not, the answers shown parse, no placeholder is left where a value should be, the quoted Java example
 * is the file.
 */
class ReadmeBlocksTest {

    /** {@code KEY=...}, {@code signal-...} in a URL: a value the reader would have to fill in by hand. */
    private static final Pattern PLACEHOLDER = Pattern.compile("=\\.\\.\\.|/signal-\\.\\.\\.|\\.\\.\\.\\s*$", Pattern.MULTILINE);

    private final Path repository = ReadmeBlocks.repositoryRoot();

    @Test
    void everyShellBlockOfTheReadmeRunsOrSaysWhyNotAndItsCommandsLeaveNothingToFillIn() throws IOException {
        List<Block> blocks = ReadmeBlocks.read(repository.resolve("README.md"));
        List<Block> shell = blocks.stream().filter(block -> ReadmeBlocks.SHELL.contains(block.language())).toList();

        assertThat(shell).filteredOn(block -> block.role() instanceof StartService).as("the set-up's run command and the restart")
                .hasSizeGreaterThanOrEqualTo(1)
                .first().satisfies(block -> assertThat(block.text()).contains("mvn -q -DskipTests package && java -jar bootstrap/target/signals.jar"));
        assertThat(shell).filteredOn(Block::runsInTheShell).as("the blocks that run").hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(block -> {
                    List<String> commands = block.text().lines().filter(line -> !line.trim().startsWith("#")).toList();
                    assertThat(commands).as("%s: a placeholder to fill in", block.where()).noneMatch(line -> PLACEHOLDER.matcher(line).find());
                    assertThat(block.calls()).as("%s: its curl commands and the answers it shows", block.where()).isNotNull();
                });
        assertThat(shell.stream().filter(Block::runsInTheShell).mapToLong(block -> block.calls().stream()
                .filter(call -> call.shown().isPresent()).count()).sum()).as("answers shown in comments").isGreaterThanOrEqualTo(10);
        shell.stream().filter(block -> block.role() instanceof Skip).forEach(block ->
                System.out.println("README test skips " + block.where() + ": " + ((Skip) block.role()).reason()));
    }

    @Test
    void theReadmeQuotesTheJavaExampleAsItIs() throws IOException {
        List<Block> quoting = ReadmeBlocks.read(repository.resolve("README.md")).stream()
                .filter(block -> block.role() instanceof Quotes).toList();

        assertThat(quoting).extracting(block -> ((Quotes) block.role()).path()).contains("examples/AlphaSignalRequest.java");
        for (Block block : quoting) {
            String file = Files.readString(repository.resolve(((Quotes) block.role()).path()), StandardCharsets.UTF_8);
            assertThat(block.text() + "\n").as(block.where()).isEqualTo(file);
        }
    }

    @Test
    void aBlockWithoutALanguageOrAnUnknownOrStrayAnnotationIsAnError() {
        assertThatThrownBy(() -> ReadmeBlocks.parse("text\n```\nls\n```\n")).hasMessageContaining("README.md:2: a code block without a language");
        assertThatThrownBy(() -> ReadmeBlocks.parse("text\n```zsh\nls\n```\n")).hasMessageContaining("README.md:2: a code block in 'zsh'");
        assertThatThrownBy(() -> ReadmeBlocks.parse("<!-- readme-test: later -->\n```sh\nls\n```\n"))
                .hasMessageContaining("unknown readme-test comment 'later'");
        assertThatThrownBy(() -> ReadmeBlocks.parse("<!-- readme-test: skip: -->\n```sh\nls\n```\n"))
                .hasMessageContaining("unknown readme-test comment");
        assertThatThrownBy(() -> ReadmeBlocks.parse("<!-- readme-test: skip: slow -->\nSome text.\n```sh\nls\n```\n"))
                .hasMessageContaining("README.md:1: a readme-test comment must come right before a code block");
        assertThatThrownBy(() -> ReadmeBlocks.parse("<!-- readme-test: starts the service -->\n```sh\njava -jar other.jar\n```\n"))
                .hasMessageContaining("a block that starts the service is one command");
    }

    @Test
    void aBlocksCurlCommandsAreFoundInOrderEachWithTheAnswerShownAfterIt() {
        List<Block> blocks = ReadmeBlocks.parse("""
                ## Section
                <!-- readme-test: starts the service -->
                ```sh
                mvn -q package && java -jar bootstrap/target/signals.jar --demo
                ```
                ```sh
                X=$(curl -s "$BASE/a" | jq -r '.data.id // halt_error')
                # {"code":"OK",...,
                #   "data":{"id":"x"}}
                printf '%s\\n' '{}' | curl -s "$BASE/b" --data-binary @-
                curl -s "$BASE/c"
                # {"code":"OK"}
                ```
                """);

        assertThat(blocks.get(0).role()).isEqualTo(new StartService(List.of("--demo"), ""));
        var calls = blocks.get(1).calls();
        assertThat(calls).extracting(ReadmeBlocks.Call::line).containsExactly(7, 10, 11);
        assertThat(calls.get(0).shown()).hasValueSatisfying(shown -> assertThat(shown.text()).isEqualTo("{\"code\":\"OK\",..., \"data\":{\"id\":\"x\"}}"));
        assertThat(calls.get(1).shown()).isEmpty();
        assertThat(calls.get(2).shown()).isPresent();
    }
}

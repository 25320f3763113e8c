package dev.signals.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.bootstrap.ReadmeBlocks.Block;
import dev.signals.bootstrap.ReadmeBlocks.Call;
import dev.signals.bootstrap.ReadmeBlocks.ServiceStopped;
import dev.signals.bootstrap.ReadmeBlocks.Skip;
import dev.signals.bootstrap.ReadmeBlocks.StartService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README, top to bottom, as a newcomer follows it: every shell block, in the README's order, in one bash
 * shell, against one service started as "Set up" says (the packaged jar, on the embedded default, in a fresh
 * directory, without {@code SIGNALS_ADMIN_TOKEN}), and every answer checked. A block that cannot run inside the
 * build says why in a comment before it ({@link ReadmeBlocks}); the test prints those with their reasons.
 *
 * <p>How the blocks run. Bash runs them with {@code set -euo pipefail}, so the first failing command fails the
 * test, and with a {@code curl} function in front of the real one that records each answer (status, content type,
 * URL, body), passes the body on, and fails on a status of 400 or more. The working directory is a temporary
 * directory with {@code bootstrap/target/signals.jar} (the packaged jar) and {@code examples/} (this repository's)
 * linked in, so the README's relative paths work and its {@code ./data} is new; any other file a block reads,
 * an earlier block has to write, as it does for the reader. The service runs in that directory too. The admin
 * token it prints at its first start is read from its output and typed in where the README asks for it (on the
 * shell's standard input). Where the service is stopped and started again ("with the service stopped", "starts
 * the service"), the test does that, between two bash processes; the variables the blocks set are carried from
 * one to the next ({@code declare -p}), as they stay in the reader's shell.
 *
 * <p>What the test changes, and nothing else: {@code localhost:7070} in the blocks it runs becomes the port the
 * service was given (the build may run beside a service on 7070: the service is started with
 * {@code SIGNALS_PORT=0}, and again on the same port); the test JDK's {@code bin} comes first on {@code PATH},
 * so {@code java} is the JDK the build runs; a block that starts the service is not run by bash, the test
 * starts the jar with that block's arguments instead, without the build before it (it runs inside that build).
 *
 * <p>What it checks: each block's commands succeed; every curl answer is a 2xx; a JSON answer is in the
 * envelope ({@code code}, {@code message}, {@code requestId}, and {@code data} but where nothing is returned);
 * every {@code /health} answer says UP; an answer the README shows in a comment after its curl command is that
 * answer ({@link ExpectedAnswer}: loosely, {@code ...} stands for what is left out); the service logs no error
 * and neither it nor any command prints a stack trace; on SIGTERM it closes the database and exits 143.
 *
 * <p>Without bash, curl or jq the test is skipped, loudly, unless {@code CI} is set: then it fails.
 */
class ReadmeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(30);
    /** A guard against a hanging block, not a measure: a run of the blocks takes well under a minute. */
    private static final Duration SEGMENT_LIMIT = Duration.ofMinutes(5);
    private static final String TOKEN_LINE = "Signals admin token (shown once";

    /**
     * Put before the blocks of each bash run. The README's variables (those it sets, not the environment's)
     * are saved at the end for the next run and restored at its start; an error names the README line.
     */
    private static final String PRELUDE = """
            set -euo pipefail
            shopt -s inherit_errexit
            README_TEST_NAMES=$(compgen -v)
            README_TEST_OFFSET=0
            trap 'README_TEST_RC=$?; echo "*** README.md line $((LINENO + README_TEST_OFFSET)) failed with exit code $README_TEST_RC: $BASH_COMMAND" >&2' ERR
            readme_test_save() {
              local README_TEST_NAME README_TEST_DECLARED
              for README_TEST_NAME in $(compgen -v); do
                case $README_TEST_NAME in README_TEST_*|BASH*|FUNCNAME|PIPESTATUS|_) continue ;; esac
                grep -qxF -- "$README_TEST_NAME" <<<"$README_TEST_NAMES" && continue
                README_TEST_DECLARED=$(declare -p "$README_TEST_NAME")
                README_TEST_DECLARED=${README_TEST_DECLARED#declare -}
                [[ ${README_TEST_DECLARED%% *} == *r* ]] && continue
                declare -p "$README_TEST_NAME"
              done > "$README_TEST_STATE"
            }
            curl() {
              local README_TEST_N README_TEST_META README_TEST_RC=0
              README_TEST_N=$README_TEST_ANSWERS/$(printf '%04d' "$(($(find "$README_TEST_ANSWERS" -name '*.meta' | wc -l)))")
              README_TEST_META=$(command curl -sS -o "$README_TEST_N.body" -w '%{http_code}\\t%{content_type}\\t%{url_effective}' "$@") || README_TEST_RC=$?
              if [ "$README_TEST_RC" -ne 0 ]; then
                printf '000\\tcurl exit code %s\\tcurl %s\\n' "$README_TEST_RC" "$*" > "$README_TEST_N.meta"
                return "$README_TEST_RC"
              fi
              printf '%s\\n' "$README_TEST_META" > "$README_TEST_N.meta"
              cat "$README_TEST_N.body"
              [ -z "$(tail -c 1 "$README_TEST_N.body")" ] || echo
              if [ "${README_TEST_META%%$'\\t'*}" -ge 400 ]; then
                echo "*** curl answered ${README_TEST_META%%$'\\t'*}: curl $*" >&2
                return 22
              fi
            }
            if [ -s "$README_TEST_STATE" ]; then source "$README_TEST_STATE"; fi
            """;

    @Test
    void everyShellBlockRunsInTheReadmesOrderAgainstOneFreshServiceAndDoesWhatItsTextSays(@TempDir Path temp) throws Exception {
        requireTools();
        Path repository = ReadmeBlocks.repositoryRoot();
        List<Block> blocks = ReadmeBlocks.read(repository.resolve("README.md"));
        Path work = Files.createDirectories(temp.resolve("work"));
        Path harness = Files.createDirectories(temp.resolve("harness"));
        Path answers = Files.createDirectories(harness.resolve("answers"));
        Files.createDirectories(work.resolve("bootstrap/target"));
        Files.createSymbolicLink(work.resolve("bootstrap/target/signals.jar"), RunningJar.jar());
        Files.createSymbolicLink(work.resolve("examples"), repository.resolve("examples"));

        Walk walk = new Walk(work, harness, answers);
        try {
            for (Block block : blocks) {
                if (!ReadmeBlocks.SHELL.contains(block.language())) {
                    continue;
                }
                if (block.role() instanceof Skip skip) {
                    walk.report(block, "skipped: " + skip.reason());
                } else if (block.role() instanceof StartService start) {
                    walk.startService(block, start);
                } else if (block.role() instanceof ServiceStopped) {
                    walk.stopService(block);
                    walk.add(block);
                } else {
                    walk.add(block);
                }
            }
            walk.runPending();
            walk.stopService(null);
        } finally {
            walk.close();
            System.out.println("README walk-through:\n" + String.join("\n", walk.report));
            // Links, not their targets: removed here so that JUnit has no link out of its directory to warn about.
            Files.deleteIfExists(work.resolve("bootstrap/target/signals.jar"));
            Files.deleteIfExists(work.resolve("examples"));
        }

        List<Call> calls = blocks.stream().filter(Block::runsInTheShell).flatMap(block -> block.calls().stream()).toList();
        List<Answer> recorded = walk.answers();
        assertThat(recorded).as("one answer per curl command of the blocks run, in order; the calls:\n%s\nthe answers:\n%s",
                calls, recorded).hasSize(calls.size());
        int shown = 0;
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            Answer answer = recorded.get(i);
            assertThat(answer.status()).as("%s answered %s", call.where(), answer).isBetween(200, 299);
            if (answer.contentType().startsWith("application/json")) {
                JsonNode body = JSON.readTree(answer.body());
                assertThat(fieldNames(body)).as("%s: an answer in the envelope: %s", call.where(), answer)
                        .isIn(List.of("code", "message", "requestId", "data"), List.of("code", "message", "requestId"));
                if (answer.url().endsWith("/health")) {
                    assertThat(body.path("data").path("status").asText()).as("%s: %s", call.where(), answer).isEqualTo("UP");
                }
                if (call.shown().isPresent()) {
                    shown++;
                    assertThat(call.shown().get().mismatches(body))
                            .as("%s: the answer the README shows,\n  %s\nis not the answer,\n  %s", call.where(), call.shown().get(), answer.body())
                            .isEmpty();
                }
            } else {
                assertThat(call.shown()).as("%s shows a JSON answer but was answered %s", call.where(), answer.contentType()).isEmpty();
            }
        }
        System.out.printf("README walk-through: %d curl answers checked, %d of them against the answer the README shows%n",
                calls.size(), shown);
        assertThat(walk.serviceOutput).as("the service's output").noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat "));
        assertThat(walk.shellOutput.toString().lines()).as("the blocks' output").noneMatch(line -> line.startsWith("\tat "));
    }

    /** The blocks run so far and the service they run against. */
    private static final class Walk implements AutoCloseable {
        private final Path work;
        private final Path harness;
        private final Path answers;
        private final List<Block> pending = new ArrayList<>();
        private final List<String> report = new ArrayList<>();
        private final List<String> serviceOutput = new ArrayList<>();
        private final StringBuilder shellOutput = new StringBuilder();
        private RunningJar service;
        private int port;
        private String adminToken;
        private int runs;

        Walk(Path work, Path harness, Path answers) {
            this.work = work;
            this.harness = harness;
            this.answers = answers;
        }

        void report(Block block, String what) {
            report.add("  " + block.where() + ": " + what);
        }

        void add(Block block) {
            pending.add(block);
            if (!(block.role() instanceof ServiceStopped)) {
                report(block, "ran" + (block.text().contains("localhost:7070") ? " (localhost:7070 as localhost:" + port + ")" : ""));
            }
        }

        void startService(Block block, StartService start) throws Exception {
            runPending();
            assertThat(service).as("%s starts the service while it runs", block.where()).isNull();
            boolean first = port == 0;
            // The first start: any free port, then the same one, as the README's blocks use one port throughout.
            service = RunningJar.start(work, Map.of("SIGNALS_PORT", Integer.toString(port)), start.args().toArray(String[]::new));
            port = service.awaitPort(START);
            if (first) {
                adminToken = adminToken(service.output());
            }
            report(block, "started the service: java -jar bootstrap/target/signals.jar"
                    + (start.args().isEmpty() ? "" : " " + String.join(" ", start.args()))
                    + " in the walk's directory, with SIGNALS_PORT=" + (first ? "0 (it took " + port + ")" : port)
                    + (block.text().contains("mvn ") ? "; not the build before it: this test runs inside that build" : ""));
        }

        void stopService(Block block) throws Exception {
            runPending();
            if (service == null) {
                return;
            }
            int exitCode = service.terminate(STOP);
            RunningJar stopped = service;
            service = null;
            serviceOutput.addAll(stopped.output());
            System.out.println("The service's output:\n" + String.join("\n", stopped.output()));
            // README, "Importing and generating events": 143 after SIGTERM, as the JVM exits on a signal.
            assertThat(exitCode).as("the service's exit code on SIGTERM").isEqualTo(143);
            assertThat(stopped.output()).as("the service's output").anyMatch(line -> line.contains("Database connections closed"));
            if (block != null) {
                report(block, "stopped the service (SIGTERM, as Ctrl-C), then ran the block"
                        + (block.text().contains("localhost:7070") ? " (localhost:7070 as localhost:" + port + ")" : ""));
            }
        }

        /** Runs the blocks added since the last run in one bash process. */
        void runPending() throws Exception {
            if (pending.isEmpty()) {
                return;
            }
            assertThat(port).as("%s runs before any block starts the service", pending.get(0).where()).isNotZero();
            StringBuilder script = new StringBuilder(PRELUDE);
            for (Block block : pending) {
                String text = block.text().replace("localhost:7070", "localhost:" + port);
                int lines = (int) script.chars().filter(c -> c == '\n').count();
                script.append("echo '### ").append(block.where().replace("'", "")).append("'\n");
                // The block's first line is the script's line lines + 3 (1-based, after the echo and this line).
                script.append("README_TEST_OFFSET=").append(block.textLine() - (lines + 3)).append('\n');
                script.append(text).append('\n');
            }
            script.append("readme_test_save\n");
            Path file = harness.resolve("run-" + (++runs) + ".sh");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            String where = pending.get(0).where() + " to " + pending.get(pending.size() - 1).where();
            pending.clear();

            ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("SIGNALS_"));
            environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + environment.getOrDefault("PATH", ""));
            environment.put("README_TEST_ANSWERS", answers.toString());
            environment.put("README_TEST_STATE", harness.resolve("state.sh").toString());
            Process bash = builder.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (OutputStream in = bash.getOutputStream()) {
                // What the reader types or pastes where a block asks (read): the admin token.
                in.write((adminToken + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // bash read all it wanted, or ended
            }
            if (!bash.waitFor(SEGMENT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                bash.destroyForcibly();
                throw new AssertionError("the blocks " + where + " did not finish within " + SEGMENT_LIMIT + "; output:\n" + output.getNow(""));
            }
            String text = output.get(30, TimeUnit.SECONDS);
            shellOutput.append(text);
            System.out.println("bash, the blocks " + where + ":\n" + text);
            assertThat(bash.exitValue()).as("the blocks %s failed; their output:\n%s\nthe answers so far:\n%s", where, text, answers())
                    .isZero();
        }

        List<Answer> answers() throws IOException {
            List<Answer> recorded = new ArrayList<>();
            try (Stream<Path> files = Files.list(answers)) {
                for (Path meta : files.filter(f -> f.toString().endsWith(".meta")).sorted().toList()) {
                    String[] fields = Files.readString(meta, StandardCharsets.UTF_8).strip().split("\t", 3);
                    Path body = Path.of(meta.toString().replace(".meta", ".body"));
                    recorded.add(new Answer(Integer.parseInt(fields[0]), fields.length > 1 ? fields[1] : "",
                            fields.length > 2 ? fields[2] : "", Files.exists(body) ? Files.readString(body, StandardCharsets.UTF_8) : ""));
                }
            }
            return recorded;
        }

        @Override
        public void close() {
            if (service != null) {
                serviceOutput.addAll(service.output());
                System.out.println("The service's output:\n" + String.join("\n", service.output()));
                service.close();
            }
        }
    }

    /** The token on the line after "Signals admin token (shown once; ...)", as the reader copies it. */
    private static String adminToken(List<String> output) {
        for (int i = 0; i < output.size(); i++) {
            if (output.get(i).contains(TOKEN_LINE)) {
                String token = output.stream().skip(i + 1).filter(line -> !line.isBlank()).findFirst().orElse("").trim();
                assertThat(token).as("the admin token printed at first start; the output:\n%s", String.join("\n", output))
                        .matches("[A-Za-z0-9_-]{16,}");
                return token;
            }
        }
        throw new AssertionError("the first start printed no admin token (\"" + TOKEN_LINE + "\"); its output:\n" + String.join("\n", output));
    }

    private static void requireTools() throws Exception {
        for (String tool : List.of("bash", "curl", "jq")) {
            if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0) {
                continue;
            }
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
                throw new IllegalStateException("CI is set but " + tool + " is missing: the README's blocks cannot run (.ci/run installs curl and jq)");
            }
            System.err.printf("%n*** README walk-through SKIPPED: %s is missing.%n"
                    + "*** Install bash, curl and jq to run it; CI always runs it.%n%n", tool);
            Assumptions.abort("README walk-through SKIPPED: " + tool + " is missing");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Answer(int status, String contentType, String url, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + url + " " + body.strip();
        }
    }
}

package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's client examples, run as a reader runs them, so they cannot drift from the service: its
 * curl blocks with bash against a fresh service, and {@code examples/AlphaSignalRequest.java} with the
 * JDK's source launcher. Without bash, curl or jq the curl part is skipped, and says so loudly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeClientExamplesTest {

    private static final String ADMIN_TOKEN = "readme-admin-token-0123456789";
    private static final int SECONDS_TO_RUN = 120;

    /**
     * Put before the README's blocks: stop at the first failing command, and record every curl answer
     * (status, tab, body: one line, as the service's JSON has no line breaks) while passing the body on.
     */
    private static final String RECORDING_CURL = """
            set -euo pipefail
            curl() {
              local answer status
              answer=$(command curl -sS -w '\\n%{http_code}' "$@") || return
              status=${answer##*$'\\n'}
              printf '%s\\t%s\\n' "$status" "${answer%$'\\n'*}" >> "$ANSWERS"
              printf '%s\\n' "${answer%$'\\n'*}"
              [ "$status" -lt 400 ] || return 22
            }
            """;

    private Path repository;
    private ServiceOnH2 service;
    private String base;

    @BeforeAll
    void start() throws IOException {
        repository = repositoryRoot();
        service = ServiceOnH2.start(ADMIN_TOKEN);
        base = service.base();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void theReadmesCurlExamplesRunAsTheyAreAndEveryAnswerIsASuccessInTheEnvelope(@TempDir Path work) throws Exception {
        for (String tool : List.of("bash", "curl", "jq")) {
            boolean present = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
            if (!present) {
                System.err.println("*** README client examples NOT checked: " + tool + " is missing ***");
            }
            Assumptions.assumeTrue(present, tool + " is missing: the README's curl examples are not checked");
        }
        String admin = block("admin", "sh");
        String client = block("client", "sh");
        Path answersFile = work.resolve("answers.tsv");
        Path script = work.resolve("examples.sh");
        Files.writeString(script, RECORDING_CURL + admin + "\n" + client + "\n");

        Ran ran = run(List.of("bash", script.toString()), work,
                Map.of("BASE", base, "ADMIN_TOKEN", ADMIN_TOKEN, "ANSWERS", answersFile.toString()));

        List<Recorded> answers = new ArrayList<>();
        if (Files.exists(answersFile)) {
            for (String line : Files.readAllLines(answersFile, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", 2);
                answers.add(new Recorded(Integer.parseInt(parts[0]), ApiClient.JSON.readTree(parts[1])));
            }
        }
        assertThat(ran.exitCode()).as("the README's curl blocks failed; output:\n%s\nanswers:\n%s", ran.output(), answers).isZero();
        assertThat(answers).as("one answer per curl command of the blocks").hasSize(curlCommands(admin + client));
        for (Recorded answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isBetween(200, 299);
            // A success with nothing to return (a deleted consent template) is Smile's CommonResponse, without data.
            assertThat(fieldNames(answer.body())).as(answer.toString())
                    .isIn(List.of("code", "message", "requestId", "data"), List.of("code", "message", "requestId"));
        }

        assertThat(answers.get(0).status()).isEqualTo(201);
        assertThat(answers.get(0).data().path("apiSecret").asText()).isNotBlank();
        assertThat(answers).filteredOn(answer -> answer.data().path("accepted").asInt() == 2)
                .as("the JSON batch and the NDJSON stream each accepted").hasSize(2);
        assertThat(answers).anySatisfy(answer -> assertThat(answer.data().path("items")).hasSize(108));
        assertThat(answers).anySatisfy(answer -> assertThat(answer.data().path("nextCursor").isTextual()).isTrue());
        // The alpha result the README shows as a comment is the one the service gives.
        JsonNode alpha = answers.stream().map(Recorded::data).filter(data -> data.has("result")).findFirst().orElseThrow();
        assertThat(alpha.path("resultCode").asText()).isEqualTo("SUCCESS");
        assertThat(client).contains(alpha.path("result").toString());
        JsonNode banded = answers.stream().map(Recorded::data)
                .filter(data -> "tpl-banded".equals(data.path("requestMeta").path("templateId").asText())).findFirst().orElseThrow();
        assertThat(banded.path("items").toString()).contains("\"value\":\"A4\",\"valueType\":\"STRING\"");
        assertThat(answers.get(answers.size() - 1).data().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theJavaExampleMakesAnAlphaSignalRequestWithTheJdkAlone(@TempDir Path work) throws Exception {
        ApiClient admin = service.admin();
        var account = admin.post("/v1/admin/accounts", Map.of("name", "Java Example Lending", "institutionId", "java-example"));
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        String apiKey = account.data().path("apiKey").asText();
        String apiSecret = account.data().path("apiSecret").asText();
        var event = service.anonymous().basic(apiKey, apiSecret).post("/v1/events", """
                {"events": [{"eventId": "java-1", "type": "OVERDUE", "occurredAt": "2024-07-30T08:00:00Z",
                             "phone": "+639170000001", "amount": 800, "overdueDays": 3}]}""");
        assertThat(event.data().path("accepted").asInt()).as(event.toString()).isEqualTo(1);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Ran ran = run(List.of(java, "examples/AlphaSignalRequest.java", "+639170000001"), repository,
                Map.of("BASE", base, "API_KEY", apiKey, "API_SECRET", apiSecret));

        assertThat(ran.exitCode()).as(ran.output()).isZero();
        // (A JVM told of JAVA_TOOL_OPTIONS says so on stderr first.)
        List<String> lines = ran.output().lines().filter(line -> !line.startsWith("Picked up ")).toList();
        assertThat(lines).as(ran.output()).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("200");
        JsonNode answer = ApiClient.JSON.readTree(lines.get(1));
        assertThat(answer.path("code").asText()).isEqualTo("OK");
        assertThat(answer.path("data").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(answer.path("data").path("resultCode").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("data").path("result").path("events_overdue_days_since_last").isInt()).isTrue();
    }

    @Test
    void theReadmeQuotesTheJavaExampleAsItIs() throws IOException {
        String file = Files.readString(repository.resolve("examples/AlphaSignalRequest.java"), StandardCharsets.UTF_8);

        assertThat(block("java", "java") + "\n").isEqualTo(file);
    }

    /** The fenced block of the given language that follows {@code <!-- client-examples:NAME -->} in README.md. */
    private String block(String name, String language) throws IOException {
        String readme = Files.readString(repository.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("<!-- client-examples:" + name + " -->\\s*```" + language + "\\n(.*?)\\n```\\n", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README.md has a ```%s block after <!-- client-examples:%s -->", language, name).isTrue();
        return block.group(1);
    }

    private static int curlCommands(String script) {
        return (int) Pattern.compile("(?m)^[^#\\n]*\\bcurl -").matcher(script).results().count();
    }

    private static Ran run(List<String> command, Path directory, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(SECONDS_TO_RUN, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + SECONDS_TO_RUN + " s");
        }
        return new Ran(process.exitValue(), output.get(SECONDS_TO_RUN, TimeUnit.SECONDS));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no README.md with an examples directory above " + Path.of("").toAbsolutePath());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Recorded(int status, JsonNode body) {
        JsonNode data() {
            return body.path("data");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private record Ran(int exitCode, String output) {
    }
}

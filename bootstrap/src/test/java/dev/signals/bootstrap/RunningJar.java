package dev.signals.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar, started with {@code java -jar} in a process of its own, as a user starts it. */
final class RunningJar implements AutoCloseable {

    /** Logged once the service is up: its index has read the journal and it answers the API (not merely listening). */
    private static final Pattern LISTENING = Pattern.compile("Signals is up on port (\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread reader;

    private RunningJar(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    static RunningJar start(Map<String, String> environment, String... args) throws IOException {
        return start(null, environment, args);
    }

    /** The jar started in {@code directory} (null: this process's), where its relative paths, such as ./data, resolve. */
    static RunningJar start(Path directory, Map<String, String> environment, String... args) throws IOException {
        Path jar = jar();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("SIGNALS_"));
        builder.environment().putAll(environment);
        return new RunningJar(builder.start());
    }

    /** The packaged jar, bootstrap/target/signals.jar, as an absolute path. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("signals.jar", "target/signals.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no packaged jar at " + jar + "; run mvn verify");
        }
        return jar;
    }

    /** Waits for the "Signals is up on port" line; fails with the process's output when it exits instead. */
    int awaitPort(Duration timeout) throws Exception {
        try {
            return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the service did not start; its output:\n" + String.join("\n", output), e);
        }
    }

    /**
     * SIGTERM, as a service manager stops it; returns the exit code. Sent with {@code kill}, because
     * {@link Process#destroy()} also closes the pipe the service logs its shutdown to.
     */
    int terminate(Duration timeout) throws InterruptedException, IOException {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not stop within " + timeout + " of SIGTERM");
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** SIGKILL: the process dies at once, with no shutdown hook run. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the process did not exit within " + timeout);
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    List<String> output() {
        return List.copyOf(output);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            port.completeExceptionally(new IllegalStateException("the process ended at " + Instant.now()));
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}

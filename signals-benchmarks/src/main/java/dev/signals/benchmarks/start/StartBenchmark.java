package dev.signals.benchmarks.start;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 18: how long a node takes from {@code java -jar} to a healthy {@code /health}, rebuilding its index from the
 * whole journal against loading its checkpoint and reading the journal after it, side by side in one run, at each
 * size of {@code --events}.
 *
 * <p>Each size is a PostgreSQL database {@code start_<events>} (created and filled once by the service's own
 * {@code generate} command, {@code --subjects} = events / 20, kept for later runs). The service runs as its own
 * process, as an operator starts it, with its default heap. Rounds alternate: a start with checkpoints turned off
 * ({@code SIGNALS_INDEX_CHECKPOINT_MS=0}: the rebuild), then a start from the checkpoint that the node with
 * checkpoints wrote when it last stopped. Each start is stopped with SIGTERM once healthy; the stop of the node with
 * checkpoints writes its next one, and its time is reported too. Also reported: the resident memory when healthy and
 * the checkpoint file's size.
 */
@Command(name = "start-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Start-to-healthy time with and without an index checkpoint, side by side, per journal size.")
public final class StartBenchmark implements Callable<Integer> {

    @Option(names = "--jar", defaultValue = "bootstrap/target/signals.jar", description = "The service's jar (default ${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--postgres", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
            description = "A URL of the PostgreSQL server's maintenance database; each size's database sits beside it (default ${DEFAULT-VALUE}).")
    String postgres;

    @Option(names = "--events", split = ",", defaultValue = "1000000,10000000", description = "Journal sizes (default ${DEFAULT-VALUE}).")
    List<Long> sizes;

    @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds per size (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--work-dir", defaultValue = "target/start-bench", description = "Data directories and logs of the nodes (default ${DEFAULT-VALUE}).")
    Path workDir;

    private static final Pattern LOADED = Pattern.compile("Event index checkpoint loaded: (\\d+) events .* in (\\d+) ms");
    private static final Pattern READ = Pattern.compile("Event index loaded: (\\d+) events read from the journal .* in (\\d+) ms");

    public static void main(String[] args) {
        System.exit(new CommandLine(new StartBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> table = new ArrayList<>();
        table.add("| events | rebuild: to healthy | RSS | from checkpoint: to healthy (load + journal after) | RSS | ratio | stop writing the checkpoint | checkpoint file |");
        table.add("|---|---|---|---|---|---|---|---|");
        for (long events : sizes) {
            String url = ensureDataSet(events);
            Path rebuildDir = workDir.resolve(events + "/rebuild");
            Path checkpointDir = workDir.resolve(events + "/checkpoint");
            Files.createDirectories(rebuildDir);
            Files.createDirectories(checkpointDir);
            if (!Files.exists(checkpointDir.resolve("index")) || isEmpty(checkpointDir.resolve("index"))) {
                System.out.printf("%,d events: a first start with checkpoints, to write one when it stops ...%n", events);
                Start first = start(url, checkpointDir, true, "first");
                System.out.println("  " + first);
            }
            for (int round = 1; round <= rounds; round++) {
                Start rebuild = start(url, rebuildDir, false, "rebuild-" + round);
                System.out.printf("%,d events, round %d, rebuild:         %s%n", events, round, rebuild);
                Start restored = start(url, checkpointDir, true, "checkpoint-" + round);
                System.out.printf("%,d events, round %d, from checkpoint: %s%n", events, round, restored);
                table.add(String.format("| %,d | %.1f s | %,d MB | %.1f s (%s) | %,d MB | %.2f | %.1f s | %,d MB |",
                        events, rebuild.healthySeconds(), rebuild.rssMegabytes(), restored.healthySeconds(), restored.breakdown(),
                        restored.rssMegabytes(), restored.healthySeconds() / rebuild.healthySeconds(), restored.stopSeconds(),
                        checkpointBytes(checkpointDir.resolve("index")) / 1_000_000));
            }
        }
        System.out.println();
        table.forEach(line -> System.out.println("RESULT " + line));
        return 0;
    }

    /** What one start measured. */
    private record Start(double healthySeconds, long rssMegabytes, double stopSeconds, String breakdown) {

        @Override
        public String toString() {
            return String.format("healthy after %.2f s (%s), RSS %,d MB; stopped in %.2f s", healthySeconds, breakdown, rssMegabytes, stopSeconds);
        }
    }

    /** Starts the service on {@code url} with its data in {@code dataDir}, waits until healthy, then stops it. */
    private Start start(String url, Path dataDir, boolean checkpoints, String name) throws Exception {
        int port = freePort();
        Path log = dataDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SIGNALS_PORT", Integer.toString(port));
        env.put("SIGNALS_DB_URL", url);
        env.put("SIGNALS_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("SIGNALS_ADMIN_TOKEN", "start-benchmark-admin-token");
        env.put("SIGNALS_INDEX_CHECKPOINT_MS", checkpoints ? "600000" : "0");
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notListeningYet) {
                    // the port is not open yet
                }
                Thread.sleep(20);
            }
            double healthy = (System.nanoTime() - started) / 1e9;
            long rss = residentMegabytes(process.pid());
            long stopping = System.nanoTime();
            process.destroy();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the service did not stop within 120 s; see " + log);
            }
            double stopped = (System.nanoTime() - stopping) / 1e9;
            return new Start(healthy, rss, stopped, breakdown(Files.readString(log)));
        } finally {
            process.destroyForcibly();
        }
    }

    /** What the node's log says the load took: the checkpoint's load, then the journal read after it. */
    private static String breakdown(String log) {
        StringBuilder text = new StringBuilder();
        Matcher loaded = LOADED.matcher(log);
        if (loaded.find()) {
            text.append(String.format("checkpoint of %,d events %.1f s, ", Long.parseLong(loaded.group(1)), Long.parseLong(loaded.group(2)) / 1e3));
        }
        Matcher read = READ.matcher(log);
        if (read.find()) {
            text.append(String.format("%,d events from the journal, index ready after %.1f s", Long.parseLong(read.group(1)),
                    Long.parseLong(read.group(2)) / 1e3));
        }
        return text.toString();
    }

    /** The database of this size, filled by {@code generate} unless an earlier run did. */
    private String ensureDataSet(long events) throws Exception {
        String name = "start_" + events;
        String url = postgres.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        try (Connection maintenance = DriverManager.getConnection(postgres); Statement statement = maintenance.createStatement()) {
            ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
        }
        long stored = storedEvents(url);
        if (stored >= events) {
            System.out.printf("Data set %s: %,d events%n", name, stored);
            return url;
        }
        if (stored > 0) {
            throw new IllegalStateException(name + " holds " + stored + " events, not " + events + ": drop it to generate it again");
        }
        System.out.printf("Generating %,d events into %s (once) ...%n", events, name);
        Path generateLog = workDir.resolve("generate-" + events + ".log");
        Files.createDirectories(workDir);
        ProcessBuilder generate = new ProcessBuilder("java", "-jar", jar.toAbsolutePath().toString(), "generate",
                "--events", Long.toString(events), "--subjects", Long.toString(Math.max(1_000, events / 20)))
                .redirectErrorStream(true).redirectOutput(generateLog.toFile());
        generate.environment().put("SIGNALS_DB_URL", url);
        Process run = generate.start();
        if (run.waitFor() != 0) {
            throw new IllegalStateException("generate failed; see " + generateLog);
        }
        return url;
    }

    private static long storedEvents(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            ResultSet table = statement.executeQuery("select 1 from information_schema.tables where table_name = 'event'");
            if (!table.next()) {
                return 0;
            }
            ResultSet count = statement.executeQuery("select count(*) from event");
            count.next();
            return count.getLong(1);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    private static long checkpointBytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(StartBenchmark::size).max(Comparator.naturalOrder()).orElse(0L);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** VmRSS of the process, from /proc (Linux). */
    private static long residentMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.signals.bootstrap.api;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium} package), to load a page as a browser does and hand back the
 * DOM its scripts built. Where no Chromium is installed the browser tests are skipped with a loud message,
 * unless {@code CI} is set: CI installs Chromium ({@code .ci/run}), so there a missing one is a failure.
 * {@code SIGNALS_TEST_CHROMIUM} names another binary.
 */
final class Chromium {

    private static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The installed Chromium; skips (or, under CI, fails) the calling test when there is none. */
    static Chromium required() {
        String configured = System.getenv("SIGNALS_TEST_CHROMIUM");
        Path binary = configured == null || configured.isBlank() ? DEFAULT_BINARY : Path.of(configured);
        if (Files.isExecutable(binary)) {
            return new Chromium(binary);
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            throw new IllegalStateException("CI is set but no Chromium is installed at " + binary
                    + " (.ci/run installs Debian's chromium package)");
        }
        System.err.printf("%n*** Browser tests SKIPPED: no Chromium at %s.%n"
                + "*** Install it (apt-get install chromium) or set SIGNALS_TEST_CHROMIUM to run them; CI always runs them.%n%n", binary);
        Assumptions.abort("Browser tests SKIPPED: no Chromium at " + binary);
        throw new AssertionError("unreachable");
    }

    /**
     * The DOM of {@code url} once its scripts have run: Chromium's virtual time lets the page load, fetch and
     * render for up to 15 virtual seconds, without waiting for them on the wall clock. No network but the
     * page's own: no first-run, sync, component updates or background requests.
     */
    String dumpDom(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("signals-chromium");
        try {
            Process process = new ProcessBuilder(List.of(binary.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                    "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom", url))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            byte[] dom = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish within " + TIMEOUT_SECONDS + " s loading " + url);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + " loading " + url);
            }
            return new String(dom, StandardCharsets.UTF_8);
        } finally {
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}

package dev.signals.bootstrap.cli;

import dev.signals.bootstrap.SignalsService;
import dev.signals.bootstrap.SignalsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar signals.jar}: runs the service until SIGTERM or Ctrl-C. Every setting comes from the
 * environment (contract section 7); a flag, where there is one, overrides its variable. Secrets
 * (database password, admin token) are read from the environment only, never from the command line.
 */
@Command(name = "signals", mixinStandardHelpOptions = true, version = "Signals 0.1.0",
        description = "Risk signals for the lenders of a network. Without a command: run the service.",
        subcommands = {ImportCommand.class, GenerateCommand.class},
        sortOptions = false)
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:SIGNALS_PORT:-7070}",
            description = "HTTP port (env SIGNALS_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    DatabaseOptions database;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new Main()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() {
        SignalsConfig config;
        try {
            config = database.config(port);
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid configuration: {}", e.getMessage());
            return 2;
        }
        SignalsService service;
        try {
            service = SignalsService.start(config);
        } catch (RuntimeException e) {
            LOG.error("Signals could not start: {}", rootMessage(e));
            LOG.debug("Start-up failure", e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "signals-shutdown"));
        LOG.info("Signals is up on port {} with {} ({})", service.port(),
                config.database().kind(), config.database().redactedUrl());
        awaitUninterruptibly(stopped);
        return 0;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root.getMessage() + ")";
    }
}

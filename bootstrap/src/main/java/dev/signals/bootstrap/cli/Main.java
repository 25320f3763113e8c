package dev.signals.bootstrap.cli;

import dev.signals.adapter.persistence.DatabaseFailures;
import dev.signals.bootstrap.Logging;
import dev.signals.bootstrap.SignalsService;
import dev.signals.application.InvalidCommandException;
import dev.signals.application.port.in.CreateAccountCommand;
import dev.signals.application.port.in.NewAccount;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsTools;
import dev.signals.bootstrap.tools.SyntheticEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar signals.jar}: runs the service until SIGTERM or Ctrl-C. Every setting comes from the
 * environment (contract section 7); a flag, where there is one, overrides its variable. Secrets
 * (database password, admin token) are read from the environment only, never from the command line.
 */
@Command(name = "signals", mixinStandardHelpOptions = true, versionProvider = SignalsVersion.class,
        description = "Risk signals for the lenders of a network. Without a command: run the service.",
        subcommands = {ImportCommand.class, GenerateCommand.class},
        sortOptions = false,
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
                "0:stopped by SIGTERM or Ctrl-C",
                "1:the service could not start; the log says why",
                "2:the command line or a setting is wrong, such as an unknown flag or a bad SIGNALS_* value"})
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:SIGNALS_PORT:-7070}",
            description = "HTTP port (env SIGNALS_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    DatabaseOptions database;

    @Mixin
    LimitsOptions limits;

    @Option(names = "--demo", description = "On first start, generate a demo data set (100,000 events about 10,000 phone numbers from 20 lenders) "
            + "and a demo account, whose API key and secret are printed once.")
    boolean demo;

    @Option(names = CliErrors.VERBOSE, scope = ScopeType.INHERIT,
            description = "On an error, print its stack trace too.")
    boolean verbose;

    static final int DEMO_EVENTS = 100_000;
    static final int DEMO_SUBJECTS = 10_000;
    static final int DEMO_INSTITUTIONS = 20;

    public static void main(String[] args) {
        try {
            Logging.requireKnownFormat(System.getenv(Logging.FORMAT_VARIABLE));
        } catch (IllegalArgumentException e) {
            // Not logged: with an unknown format there is no appender to log to.
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(CliErrors.USAGE);
        }
        int exitCode = commandLine().execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** The command line of the service and its commands, with errors told in one or two lines. */
    public static CommandLine commandLine() {
        return CliErrors.install(new CommandLine(new Main()));
    }

    @Override
    public Integer call() {
        SignalsConfig config;
        try {
            config = database.config(port).withRest(limits.settings());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid configuration: {}", e.getMessage());
            return CliErrors.USAGE;
        }
        SignalsService service = start(config, demo);
        if (service == null) {
            return CliErrors.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "signals-shutdown"));
        awaitUninterruptibly(stopped);
        return 0;
    }

    /**
     * Starts the service, with the demo data first when {@code demo} is given and this is its first start.
     *
     * @return the running service, or null when it could not start (logged)
     */
    SignalsService start(SignalsConfig config, boolean demo) {
        SignalsService service;
        try {
            if (demo) {
                prepareDemo(config);
            }
            service = SignalsService.start(config);
        } catch (RuntimeException e) {
            String reason = CliErrors.rootMessage(e);
            if (DatabaseFailures.openInAnotherProcess(e)) {
                CliException problem = database.explain(e, config);
                reason = problem.getMessage() + " " + problem.hint();
            }
            if (verbose) {
                LOG.error("Signals could not start: {}", reason, e);
            } else {
                LOG.error("Signals could not start: {}", reason);
                LOG.debug("Start-up failure", e);
            }
            return null;
        }
        LOG.info("Signals is up on port {} with {} ({})", service.port(),
                config.database().kind(), config.database().redactedUrl());
        return service;
    }

    /** Creates the demo account and data unless an earlier demo start already did. */
    static void prepareDemo(SignalsConfig config) {
        try (SignalsTools tools = SignalsTools.open(config)) {
            NewAccount account;
            try {
                account = tools.accounts().create(new CreateAccountCommand("Demo Lender", SyntheticEvents.institutionId(0)));
            } catch (InvalidCommandException alreadyThere) {
                LOG.info("Demo data is already there (the demo account exists); starting without generating more");
                return;
            }
            System.out.printf("%n  Demo account (shown once): API key %s  API secret %s%n"
                            + "  Try: curl -u '%s:%s' localhost:%d/v1/alpha/signals -H 'Content-Type: application/json' -d "
                            + "'{\"phone\": \"%s\", \"consent\": {\"type\": \"T&C\", \"version\": \"1\", "
                            + "\"consentedWith\": \"I agree\", \"consentedAt\": \"2024-08-08T16:06:00Z\"}}'%n%n",
                    account.account().apiKey(), account.apiSecret(), account.account().apiKey(), account.apiSecret(),
                    config.port(), SyntheticEvents.phoneOf(0));
            GenerateCommand.generate(tools, DEMO_SUBJECTS, DEMO_INSTITUTIONS, DEMO_EVENTS, 42, 5_000,
                    new PrintWriter(System.err, true), Progress.onTerminal());
        }
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
}

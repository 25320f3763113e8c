package dev.signals.bootstrap.cli;

import dev.signals.adapter.persistence.DatabaseInUseException;
import dev.signals.bootstrap.Logging;
import dev.signals.bootstrap.SignalsService;
import dev.signals.application.port.InvalidCommandException;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
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
                "143:stopped by SIGTERM (130: by Ctrl-C), as the JVM exits on a signal, after a clean stop",
                "1:the service could not start; the log says why",
                "2:the command line or a setting is wrong, such as an unknown flag or a bad SIGNALS_* value"})
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:SIGNALS_PORT:-7070}",
            description = "HTTP port (env SIGNALS_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    DatabaseOptions database;

    @Mixin
    LimitsOptions limits;

    @Option(names = "--index-checkpoint-ms", paramLabel = "MILLIS", defaultValue = "${env:SIGNALS_INDEX_CHECKPOINT_MS:-600000}",
            description = "How often the node writes a checkpoint of its event index into <data-dir>/index, and once more when it stops,"
                    + " so that a start reads only the journal after it; 0 for never (env SIGNALS_INDEX_CHECKPOINT_MS, default ${DEFAULT-VALUE}).")
    long indexCheckpointMs;

    @Option(names = "--index-horizon-days", paramLabel = "DAYS", defaultValue = "${env:SIGNALS_INDEX_HORIZON_DAYS:-210}",
            description = "How many days back the event index holds every event: at least 180 (the longest window) plus the"
                    + " asOf look-back answered from memory; older events leave memory but for each subject's latest of each type,"
                    + " and a request reaching further back reads the journal. 0 holds every event (env SIGNALS_INDEX_HORIZON_DAYS,"
                    + " default ${DEFAULT-VALUE}).")
    long indexHorizonDays;

    @Option(names = "--index-aging-ms", paramLabel = "MILLIS", defaultValue = "${env:SIGNALS_INDEX_AGING_MS:-3600000}",
            description = "How often the node moves its index's horizon and lets older events leave memory"
                    + " (env SIGNALS_INDEX_AGING_MS, default ${DEFAULT-VALUE}).")
    long indexAgingMs;

    @Option(names = "--demo", description = "On first start, generate a demo data set (100,000 events about 10,000 phone numbers from 20 lenders) "
            + "and a demo account, whose API key and secret are printed once, with a curl command to try, when the service answers.")
    boolean demo;

    @Option(names = CliErrors.VERBOSE, scope = ScopeType.INHERIT,
            description = "On an error, print its stack trace too.")
    boolean verbose;

    /** The demo data set: about a year of a lending network's events. */
    record DemoData(int events, int subjects, int institutions) {

        /**
         * Events a second that generating the demo data reached on a 2-core machine with nothing else to do
         * (12,000-13,000; a third of that while other builds kept its cores busy), for the estimate printed
         * before it starts (README, "Demo data in one command"). The progress then tells the real time to go.
         */
        static final int EVENTS_PER_SECOND_ON_2_CORES = 10_000;

        /** A rounded estimate of how long generating takes, such as "about 10 s on 2 idle cores". */
        String estimate() {
            long seconds = Math.max(5, Math.round(events / (double) EVENTS_PER_SECOND_ON_2_CORES / 5) * 5);
            return "about " + seconds + " s on 2 idle cores, longer when they are busy";
        }
    }

    static final DemoData DEMO = new DemoData(100_000, 10_000, 20);

    public static void main(String[] args) {
        try {
            Logging.requireKnownFormat(System.getenv(Logging.FORMAT_VARIABLE));
        } catch (IllegalArgumentException e) {
            // Not logged: with an unknown format there is no appender to log to.
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(CliErrors.USAGE);
        }
        int exitCode = commandLine().execute(args);
        Logging.stop();
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
            config = database.config(port).withRest(limits.settings()).withCheckpointInterval(Duration.ofMillis(indexCheckpointMs))
                    .withIndexHorizon(Duration.ofDays(indexHorizonDays), Duration.ofMillis(indexAgingMs));
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid configuration: {}", e.getMessage());
            return CliErrors.USAGE;
        }
        SignalsService service = start(config, demo ? DEMO : null);
        if (service == null) {
            return CliErrors.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            Logging.stop();
            stopped.countDown();
        }, "signals-shutdown"));
        awaitUninterruptibly(stopped);
        return 0;
    }

    /**
     * Starts the service, with the demo data first when {@code demo} is given and this is its first
     * start, and then (the port open, the service answering) prints the demo account once.
     *
     * @return the running service, or null when it could not start (logged)
     */
    SignalsService start(SignalsConfig config, DemoData demo) {
        PrintWriter out = spec.commandLine().getOut();
        NewAccount demoAccount = null;
        SignalsService service;
        try {
            if (demo != null) {
                demoAccount = prepareDemo(config, demo, out, spec.commandLine().getErr());
            }
            service = SignalsService.start(config);
        } catch (RuntimeException e) {
            String reason = CliErrors.rootMessage(e);
            if (DatabaseInUseException.isCauseOf(e)) {
                CliException problem = database.explain(e, config);
                reason = problem.getMessage() + " " + problem.hint();
            }
            if (verbose) {
                LOG.error("Signals could not start: {}", reason, e);
            } else {
                LOG.error("Signals could not start: {}", reason);
                LOG.debug("Start-up failure", e);
            }
            if (demoAccount != null) {
                // Its secret is shown once only: not printing it now would leave a demo account no one can use.
                out.printf("%n  The demo data and account were created before the failure; the account's API key %s "
                        + "and API secret %s are shown only this once.%n%n", demoAccount.account().apiKey(), demoAccount.apiSecret());
                out.flush();
            }
            return null;
        }
        LOG.info("Signals is up on port {} with {} ({})", service.port(),
                config.database().kind(), config.database().redactedUrl());
        if (demoAccount != null) {
            printDemoAccount(demoAccount, service.port(), out);
        }
        return service;
    }

    /**
     * Creates the demo account and data unless an earlier demo start already did.
     *
     * @return the new demo account, or null when it was already there
     */
    static NewAccount prepareDemo(SignalsConfig config, DemoData demo, PrintWriter out, PrintWriter progress) {
        try (SignalsTools tools = SignalsTools.open(config)) {
            NewAccount account;
            try {
                account = tools.accounts().create(new CreateAccountCommand("Demo Lender", SyntheticEvents.institutionId(0)));
            } catch (InvalidCommandException alreadyThere) {
                LOG.info("Demo data is already there (the demo account exists); starting without generating more");
                return null;
            }
            out.printf("%nGenerating the demo data: %,d events about %,d phone numbers from %d lenders, %s. "
                            + "Then the service starts, and prints the demo account and a command to try.%n%n",
                    demo.events(), demo.subjects(), demo.institutions(), demo.estimate());
            out.flush();
            GenerateCommand.generate(tools, demo.subjects(), demo.institutions(), demo.events(), 42, 5_000,
                    progress, Progress.onTerminal());
            return account;
        }
    }

    private static void printDemoAccount(NewAccount account, int port, PrintWriter out) {
        out.printf("%n  Demo account (shown once): API key %s  API secret %s%n"
                        + "  Try: curl -s -u '%s:%s' localhost:%d/v1/alpha/signals -H 'Content-Type: application/json' -d "
                        + "'{\"phone\": \"%s\", \"consent\": {\"type\": \"T&C\", \"version\": \"1\", "
                        + "\"consentedWith\": \"I agree\", \"consentedAt\": \"2024-08-08T16:06:00Z\"}}'%n%n",
                account.account().apiKey(), account.apiSecret(), account.account().apiKey(), account.apiSecret(),
                port, SyntheticEvents.phoneOf(0));
        out.flush();
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

package dev.signals.bootstrap.cli;

import dev.signals.adapter.rest.RestSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The HTTP side's limits, each defaulting to its environment variable. */
public final class LimitsOptions {

    @Option(names = "--rate-limit", paramLabel = "PER_SECOND", defaultValue = "${env:SIGNALS_RATE_LIMIT:-100}",
            description = "Requests per second per account, sustained; 0 turns the limit off (env SIGNALS_RATE_LIMIT, default ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N", defaultValue = "${env:SIGNALS_RATE_BURST:-200}",
            description = "Requests an account may make at once (env SIGNALS_RATE_BURST, default ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--auth-failures", paramLabel = "N", defaultValue = "${env:SIGNALS_AUTH_FAILURES:-10}",
            description = "Wrong secrets per API key per minute before the key gets 429 until the minute ends (env SIGNALS_AUTH_FAILURES, default ${DEFAULT-VALUE}).")
    int authFailures;

    @Option(names = "--http-threads", paramLabel = "N", defaultValue = "${env:SIGNALS_HTTP_THREADS:-64}",
            description = "Request threads (env SIGNALS_HTTP_THREADS, default ${DEFAULT-VALUE}).")
    int httpThreads;

    @Option(names = "--http-queue", paramLabel = "N", defaultValue = "${env:SIGNALS_HTTP_QUEUE:-512}",
            description = "Requests waiting for a thread before connections are refused (env SIGNALS_HTTP_QUEUE, default ${DEFAULT-VALUE}).")
    int httpQueue;

    @Option(names = "--shutdown-grace-ms", paramLabel = "MILLIS", defaultValue = "${env:SIGNALS_SHUTDOWN_GRACE_MS:-0}",
            description = "On SIGTERM, keep serving this long while /health already answers 503, so that a load balancer"
                    + " takes the node out first (env SIGNALS_SHUTDOWN_GRACE_MS, default ${DEFAULT-VALUE}).")
    long shutdownGraceMs;

    RestSettings settings() {
        return new RestSettings(rateLimit, rateBurst, authFailures, Duration.ofMinutes(1), httpThreads, httpQueue,
                Duration.ofMillis(shutdownGraceMs));
    }
}

package dev.signals.bootstrap.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The tools print their own progress and summary; the service's informational log lines would only interleave. */
final class QuietLogs {

    private QuietLogs() {
    }

    static void warningsOnly() {
        if (System.getenv("SIGNALS_LOG_LEVEL") == null
                && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}

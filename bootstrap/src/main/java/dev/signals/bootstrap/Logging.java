package dev.signals.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.Set;

/**
 * One logging pipeline: what the application layer logs with java.util.logging goes to SLF4J too. The format
 * ({@value #FORMAT_VARIABLE}) and the level ({@code SIGNALS_LOG_LEVEL}) are read by {@code logback.xml}.
 */
public final class Logging {

    public static final String FORMAT_VARIABLE = "SIGNALS_LOG_FORMAT";
    /** The appenders of {@code logback.xml}, one per format. */
    static final Set<String> FORMATS = Set.of("plain", "json");

    private Logging() {
    }

    static synchronized void routeJavaUtilLoggingToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /**
     * Writes the lines still queued for the console and stops logging: {@code logback.xml} hands lines to a thread of
     * their own, which the JVM does not wait for. The last thing a process does before it exits, after its own last
     * line (a stop by SIGTERM included).
     */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    /**
     * Refuses a format {@code logback.xml} has no appender for: it would silently log nothing at all.
     *
     * @param format the variable's value; null (unset) is the default, plain
     */
    public static void requireKnownFormat(String format) {
        if (format != null && !FORMATS.contains(format)) {
            throw new IllegalArgumentException(FORMAT_VARIABLE + " must be plain or json, was '" + format + "'");
        }
    }
}

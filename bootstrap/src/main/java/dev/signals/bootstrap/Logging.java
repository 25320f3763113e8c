package dev.signals.bootstrap;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** One logging pipeline: what the application layer logs with java.util.logging goes to SLF4J too. */
final class Logging {

    private Logging() {
    }

    static synchronized void routeJavaUtilLoggingToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}

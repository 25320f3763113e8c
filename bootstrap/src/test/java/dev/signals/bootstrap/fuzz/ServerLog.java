package dev.signals.bootstrap.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The service's own warnings and errors while the fuzz test runs, so that a failing answer is reported with
 * the server's stack trace for it (found by the request id, which the service logs with every failure).
 */
final class ServerLog extends AppenderBase<ILoggingEvent> {

    private static final int KEPT = 500;
    private final Deque<Logged> events = new ArrayDeque<>();
    private long logged;

    private record Logged(long number, ILoggingEvent event) {
    }

    static ServerLog attach() {
        ServerLog log = new ServerLog();
        log.setName("fuzz-server-log");
        log.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        log.start();
        root().addAppender(log);
        return log;
    }

    void detach() {
        root().detachAppender(this);
        stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            event.prepareForDeferredProcessing();
            events.addLast(new Logged(logged++, event));
            if (events.size() > KEPT) {
                events.removeFirst();
            }
        }
    }

    /** A mark to pass to {@link #about}: what is logged from now on. */
    synchronized long mark() {
        return logged;
    }

    /**
     * What the server logged about this request (messages and stack traces): what names its request id, or,
     * when nothing does, whatever was logged since {@code mark}, taken just before the request was sent (a
     * layer that does not know the request id logs without it).
     */
    synchronized String about(String requestId, long mark) {
        List<Logged> all = List.copyOf(events);
        List<ILoggingEvent> named = requestId == null ? List.of()
                : all.stream().map(Logged::event).filter(e -> e.getFormattedMessage().contains(requestId)).toList();
        List<ILoggingEvent> shown = !named.isEmpty() ? named
                : all.stream().filter(l -> l.number() >= mark).map(Logged::event).toList();
        if (shown.isEmpty()) {
            return "(the server logged no warning or error for it)";
        }
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : shown) {
            text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ").append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }
}

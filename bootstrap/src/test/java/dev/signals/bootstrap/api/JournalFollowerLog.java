package dev.signals.bootstrap.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** What the node's journal follower logged while something ran: how its index was loaded. */
final class JournalFollowerLog {

    private JournalFollowerLog() {
    }

    /** A body that may throw. */
    interface Body {
        void run() throws Exception;
    }

    static List<String> during(Body body) throws Exception {
        Logger follower = (Logger) LoggerFactory.getLogger("dev.signals.application.service.JournalFollower");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        ch.qos.logback.classic.Level level = follower.getLevel();
        follower.setLevel(ch.qos.logback.classic.Level.INFO);
        follower.addAppender(captured);
        java.util.logging.Logger julLogger = java.util.logging.Logger.getLogger(follower.getName());
        java.util.logging.Level julLevel = julLogger.getLevel();
        julLogger.setLevel(java.util.logging.Level.INFO);
        try {
            body.run();
        } finally {
            follower.detachAppender(captured);
            follower.setLevel(level);
            julLogger.setLevel(julLevel);
        }
        return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}

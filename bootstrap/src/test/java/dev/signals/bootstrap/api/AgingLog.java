package dev.signals.bootstrap.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the node's journal-following thread logs about its index's horizon (issue 18), while it is open. */
final class AgingLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.signals.bootstrap.JournalFollowing");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Level level;

    private AgingLog() {
        captured.start();
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(captured);
    }

    static AgingLog capture() {
        return new AgingLog();
    }

    List<String> lines() {
        synchronized (captured.list) {
            return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Waits until events have left the index's memory (30 s at most, for a loaded machine). */
    void awaitEventsLeavingMemory() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (lines().stream().noneMatch(line -> line.startsWith("Event index horizon moved: "))) {
            assertThat(System.nanoTime()).as("events leave the index's memory within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(captured);
        logger.setLevel(level);
    }
}

package dev.signals.adapter.rest.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.signals.adapter.rest.TestApp;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every line logged while a request is served carries its id in the logging context; none after it. */
class RequestLogContextTest {

    private static final org.slf4j.Logger ROUTE_LOG = LoggerFactory.getLogger("dev.signals.test.route");

    private final Logger signals = (Logger) LoggerFactory.getLogger("dev.signals");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        captured.start();
        level = signals.getLevel();
        signals.setLevel(Level.INFO);
        signals.addAppender(captured);
    }

    @AfterEach
    void release() {
        signals.detachAppender(captured);
        signals.setLevel(level);
    }

    @Test
    void theRouteTheErrorMapperAndTheAccessLineLogWithTheRequestsId() {
        Routes routes = app -> {
            app.get("/talkative", ctx -> {
                ROUTE_LOG.info("serving");
                ctx.result("ok");
            });
            app.get("/boom", ctx -> {
                throw new IllegalStateException("internal");
            });
        };
        JavalinTest.test(TestApp.serving(Set.of(routes)), (s, client) -> {
            String first;
            try (Response response = client.request("/talkative", builder -> builder.header(RequestIds.HEADER, "client-id-1"))) {
                first = response.header(RequestIds.HEADER);
            }
            String second;
            try (Response response = client.get("/boom")) {
                second = response.header(RequestIds.HEADER);
            }
            assertThat(first).isEqualTo("client-id-1");
            assertThat(linesWithId(first)).extracting(ILoggingEvent::getLoggerName)
                    .containsExactly("dev.signals.test.route", "dev.signals.access");
            assertThat(linesWithId(second)).extracting(ILoggingEvent::getLoggerName)
                    .containsExactly(ErrorMapper.class.getName(), "dev.signals.access");
            assertThat(captured.list).allSatisfy(event ->
                    assertThat(event.getMDCPropertyMap()).containsKey(RequestIds.LOG_KEY));
        });
    }

    private List<ILoggingEvent> linesWithId(String id) {
        return captured.list.stream().filter(event -> id.equals(event.getMDCPropertyMap().get(RequestIds.LOG_KEY))).toList();
    }
}

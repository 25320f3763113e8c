package dev.signals.adapter.rest;

import dev.signals.adapter.rest.json.JsonMapping;
import dev.signals.adapter.rest.server.Responses;
import dev.signals.adapter.rest.server.Routes;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the server lets the requests in flight finish before it closes. */
class GracefulStopTest {

    @Test
    void aRequestInFlightWhenTheServerStopsStillGetsItsAnswer() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Responses responses = new Responses(JsonMapping.objectMapper());
        Routes slow = app -> app.get("/slow", ctx -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            responses.ok(ctx, java.util.Map.of("done", true));
        });
        HttpServer server = new HttpServer(JsonMapping.objectMapper(), Set.of(slow));
        int port = server.start(0);

        CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        Thread.sleep(200);
        assertThat(stopping).as("the stop waits for the request").isNotDone();

        release.countDown();
        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        stopping.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"done\":true");
    }

    @Test
    void duringTheShutdownGraceHealthAnswers503WhileRequestsAreStillServed() throws Exception {
        Responses responses = new Responses(JsonMapping.objectMapper());
        Routes routes = app -> {
            app.get("/health", ctx -> responses.ok(ctx, java.util.Map.of("status", "UP")));
            app.get("/work", ctx -> responses.ok(ctx, java.util.Map.of("done", true)));
        };
        RestSettings withGrace = new RestSettings(100, 200, 10, java.time.Duration.ofMinutes(1), 16, 64,
                java.time.Duration.ofSeconds(30));
        HttpServer server = new HttpServer(JsonMapping.objectMapper(), java.util.List.of(), Set.of(routes), withGrace,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        int port = server.start(0);
        HttpClient client = HttpClient.newHttpClient();
        assertThat(get(client, port, "/health")).isEqualTo(200);

        Thread stopping = new Thread(server::stop);
        stopping.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (get(client, port, "/health") != 503) {
                assertThat(System.nanoTime()).as("/health turns 503 once the stop begins").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(get(client, port, "/work")).as("still served during the grace").isEqualTo(200);
        } finally {
            stopping.interrupt();   // cuts the grace short
            stopping.join(30_000);
        }
    }

    private static int get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}

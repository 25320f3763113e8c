package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad events get a clear reason each, and the good events of the same batch are kept. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsBadInputTest {

    private ServiceOnH2 service;
    private ApiClient reporter;

    @BeforeAll
    void start() throws Exception {
        service = ServiceOnH2.start(ADMIN_TOKEN);
        reporter = service.client(service.createAccount("Reporter", "reporter"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void eachBadEventOfAJsonBatchIsRejectedWithItsReasonAndTheGoodOnesKept() {
        Instant now = SignalsApiTest.now();
        ObjectNode body = ApiClient.JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        events.add(event("good-1", now.minus(Duration.ofDays(1))));
        events.add(event("wrong-type", now.minus(Duration.ofDays(1))).put("amount", "lots"));
        events.add(event("future", now.plus(Duration.ofDays(1))));
        events.add(event("late-report", now.minus(Duration.ofDays(1))).put("reportedAt", now.plus(Duration.ofHours(1)).toString()));
        events.add(event("bad-type", now.minus(Duration.ofDays(1))).put("type", "LOAN"));
        events.add(event("good-2", now.minus(Duration.ofDays(2))));

        var answer = reporter.post("/v1/events", body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.data().path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.data().path("duplicates").asInt()).isZero();
        List<Integer> indexes = new ArrayList<>();
        answer.data().path("rejected").forEach(r -> {
            indexes.add(r.path("index").asInt());
            assertThat(r.path("message").asText()).isNotBlank();
        });
        assertThat(indexes).containsExactly(1, 2, 3, 4);
        assertThat(answer.data().path("rejected").get(0).path("message").asText()).contains("amount");
        assertThat(answer.data().path("rejected").get(1).path("message").asText()).contains("occurredAt");
        assertThat(answer.data().path("rejected").get(2).path("message").asText()).contains("reportedAt");
        assertThat(answer.data().path("rejected").get(3).path("message").asText()).contains("type");

        var again = reporter.post("/v1/events", body);
        assertThat(again.data().path("accepted").asInt()).isZero();
        assertThat(again.data().path("duplicates").asInt()).isEqualTo(2);
    }

    @Test
    void anNdjsonLineThatIsNotJsonIsRejectedByItsLineNumber() {
        Instant occurred = SignalsApiTest.now().minus(Duration.ofDays(1));
        String ndjson = event("nd-1", occurred) + "\n" + "{not json\n" + event("nd-2", occurred) + "\n";

        var answer = reporter.send("POST", "/v1/events", ndjson, "application/x-ndjson");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.data().path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.data().path("rejected")).hasSize(1);
        assertThat(answer.data().path("rejected").get(0).path("index").asInt()).isEqualTo(1);
    }

    @Test
    void aBatchOverTenThousandIsRefusedWhole() {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        Instant occurred = SignalsApiTest.now().minus(Duration.ofDays(1));
        for (int i = 0; i < 10_001; i++) {
            events.add(event("big-" + i, occurred));
        }

        var answer = reporter.post("/v1/events", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("message").asText()).contains("10,000");
    }

    @Test
    void aBodyOverTheSizeLimitIs413() {
        String huge = "{\"events\": [" + "\"x\",".repeat(9_000_000) + "\"x\"]}";

        var answer = reporter.send("POST", "/v1/events", huge, "application/json");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
    }

    @Test
    void aBodyThatIsNeitherJsonNorNdjsonIs415() {
        assertThat(reporter.send("POST", "/v1/events", "eventId,type", "text/csv").status()).isEqualTo(415);
    }

    private static ObjectNode event(String id, Instant occurredAt) {
        ObjectNode node = ApiClient.JSON.createObjectNode();
        node.put("eventId", id);
        node.put("type", "LOAN_DISBURSEMENT");
        node.put("occurredAt", occurredAt.toString());
        node.put("phone", "+639171234567");
        node.put("amount", 5000);
        return node;
    }
}

package dev.signals.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.bootstrap.fuzz.RawHttp.Header;
import dev.signals.bootstrap.fuzz.RawHttp.Request;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

import java.util.List;

import static dev.signals.bootstrap.fuzz.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Hostile events for {@code POST /v1/events}: JSON batches and NDJSON streams. */
class EventFuzzTest extends HostileInputFuzzing {

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void eventBatchBodies(@ForAll("eventBatchRequests") Request request) {
        sendAndCheck(request);
    }

    @Provide
    Arbitrary<Request> eventBatchRequests() {
        return jsonRequests("POST", Arbitraries.just("/v1/events"), lenderAuthorization, Bodies.hostile(Bodies.eventBatches()));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void eventStreamBodies(@ForAll("eventStreamRequests") Request request) {
        JsonNode envelope = sendAndCheck(request);
        if (envelope.path("code").asText().equals("OK")) {
            // Every line is accounted for: accepted, duplicate or rejected with its line number and a reason.
            envelope.path("data").path("rejected").forEach(rejection -> {
                assertThat(rejection.path("index").isInt()).as("%s", rejection).isTrue();
                assertThat(rejection.path("message").asText()).as("%s", rejection).isNotBlank();
            });
        }
    }

    @Provide
    Arbitrary<Request> eventStreamRequests() {
        Arbitrary<String> types = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("application/x-ndjson")),
                Tuple.of(1, Arbitraries.just("application/x-ndjson; charset=utf-8")), Tuple.of(1, Arbitraries.just("APPLICATION/X-NDJSON")));
        return Combinators.combine(Bodies.ndjsonStreams(), types, Arbitraries.integers().between(0, 3))
                .as((body, type, chunked) -> Request.of("POST", "/v1/events",
                        List.of(Header.of("Authorization", lenderAuthorization), Header.of("Content-Type", type)), body).chunked(chunked == 3));
    }

    // --- what the fuzzing found here, each as the smallest request that shows it (see HostileInputFuzzing)

    @Example
    void anNdjsonLineWhoseNumberIsOutOfRangeIsRejectedAlone() {
        String good = obj("eventId", java.util.UUID.randomUUID().toString(), "type", "MARKETING",
                "occurredAt", Hostile.NOW.minus(java.time.Duration.ofDays(1)).toString(), "phone", Hostile.E164).text();
        Request request = Request.of("POST", "/v1/events", List.of(Header.of("Authorization", lenderAuthorization),
                Header.of("Content-Type", "application/x-ndjson")), Bodies.utf8(good + "\n1e-2147483648\n"));

        JsonNode data = sendAndCheck(request).path("data");
        assertThat(data.path("accepted").asInt() + data.path("duplicates").asInt()).isEqualTo(1);
        assertThat(data.path("rejected").findValuesAsText("index")).containsExactly("1");
    }

    @Example
    void anEventAmountBeyondEveryScaleIsRejectedAlone() {
        String event = "{\"eventId\":\"%s\",\"type\":\"LOAN_DISBURSEMENT\",\"occurredAt\":\"%s\",\"phone\":\"%s\",\"amount\":%s}";
        String occurred = Hostile.NOW.minus(java.time.Duration.ofDays(1)).toString();
        String id = java.util.UUID.randomUUID().toString();
        Request request = jsonPost("/v1/events", lenderAuthorization, "{\"events\":["
                + event.formatted(id + "-a", occurred, Hostile.E164, "1e999999999") + ","
                + event.formatted(id + "-b", occurred, Hostile.E164, "1e2147483647") + ","
                + event.formatted(id + "-c", occurred, Hostile.E164, "1520.50") + "]}");

        JsonNode data = sendAndCheck(request).path("data");
        assertThat(data.path("accepted").asInt()).isEqualTo(1);
        assertThat(data.path("rejected").findValuesAsText("index")).containsExactly("0", "1");
    }
}

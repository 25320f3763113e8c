package dev.signals.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.rest.ApiClient;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.InMemoryEventReports;
import dev.signals.adapter.rest.TestApp;
import dev.signals.adapter.rest.server.JavalinApp;
import dev.signals.application.port.StorageUnavailableException;
import dev.signals.application.port.in.EventReport;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static dev.signals.adapter.rest.InMemoryApplication.ACME;
import static dev.signals.adapter.rest.InMemoryApplication.ZETA;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/events} (contract section 4): JSON batches and NDJSON streams, their limits and failures. */
class EventRoutesTest {

    private static final String PHONE = "+639171234567";
    private static final MediaType NDJSON = MediaType.get("application/x-ndjson");

    private final InMemoryApplication application = new InMemoryApplication();
    private final InMemoryEventReports events = application.events();

    @Test
    void aJsonBatchIsReportedForTheCallersInstitutionWithEachUnreadableElementRejectedAtItsIndex() {
        String body = batch(List.of(event("e-0"), "{\"eventId\": \"e-1\", \"type\": \"OVERDUE\", \"phone\": 639171234567}",
                "\"" + PHONE + "\"", event("e-3"), "{\"type\": \"OVERDUE\", \"phone\": \"" + PHONE + "\"}",
                "{\"eventId\": \"e-5\", \"type\": \"OVERDUE\", \"occurredAt\": \"yesterday\"}"));
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/events", body);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.code()).isEqualTo("OK");
            assertThat(Answer.keysOf(answer.data())).containsExactly("accepted", "duplicates", "rejected");
            assertThat(answer.data().get("accepted").asInt()).isEqualTo(2);
            assertThat(answer.data().get("duplicates").asInt()).isZero();
            JsonNode rejected = answer.data().get("rejected");
            assertThat(rejected).hasSize(4);
            assertThat(Answer.keysOf(rejected.get(0))).containsExactly("index", "eventId", "message");
            assertRejected(rejected.get(0), 1, "e-1", "phone must be a string");
            assertRejected(rejected.get(1), 2, null, "an event is a JSON object");
            assertRejected(rejected.get(2), 4, null, "eventId is required");
            assertRejected(rejected.get(3), 5, "e-5", "occurredAt must be an ISO-8601 timestamp such as 2024-07-30T08:00:00Z");
            assertThat(answer.text()).doesNotContain("639171234567");
        });
        assertThat(events.calls()).hasSize(1);
        assertThat(events.calls().get(0)).extracting(EventReport::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(events.storedFor(ACME.institutionId())).containsOnlyKeys("e-0", "e-3");
        assertThat(events.storedFor(ACME.institutionId()).get("e-0").phone()).isEqualTo(PHONE);
    }

    @Test
    void eventsBelongToTheInstitutionOfTheAccountThatPostsThemAndPostingThemAgainAnswersDuplicates() {
        String body = batch(List.of(event("e-0"), event("e-1")));
        TestApp.test(application, api -> {
            assertThat(api.asZeta().post("/v1/events", body).data().get("accepted").asInt()).isEqualTo(2);

            Answer again = api.asZeta().post("/v1/events", body);
            assertThat(again.data().get("accepted").asInt()).isZero();
            assertThat(again.data().get("duplicates").asInt()).isEqualTo(2);
            assertThat(again.data().get("rejected")).isEmpty();
        });
        assertThat(events.storedFor(ZETA.institutionId())).containsOnlyKeys("e-0", "e-1");
        assertThat(events.storedFor(ACME.institutionId())).isEmpty();
    }

    @Test
    void aBatchOfTenThousandEventsIsReportedInOneCallThoughItsBodyIsOverOneMebibyte() {
        String body = batch(numbered(10_000, EventRoutesTest::event));
        assertThat(body.length()).isGreaterThan((int) JavalinApp.MAX_REQUEST_SIZE);
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/events", body);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.data().get("accepted").asInt()).isEqualTo(10_000);
        });
        assertThat(events.calls()).hasSize(1);
    }

    @Test
    void aBatchOfMoreThanTenThousandEventsIs400OnEventsAndNothingIsReported() {
        String body = batch(numbered(10_001, EventRoutesTest::event));
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/events", body);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.errorFields()).containsExactly("events");
            assertThat(answer.errorMessage("events")).isEqualTo("a batch holds at most 10,000 events; send NDJSON or several batches");
        });
        assertThat(events.calls()).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnObjectWithAnEventsArrayIs400OnEvents() {
        TestApp.test(application, api -> {
            Answer array = api.post("/v1/events", "[" + event("e-0") + "]");
            assertThat(array.status()).isEqualTo(400);
            assertThat(array.message()).isEqualTo("The request body must be a JSON object {\"events\": [...]}, not an array");
            assertThat(array.errorFields()).containsExactly("events");

            for (String body : new String[]{"\"events\"", "{}", "{\"events\": null}", "{\"events\": {}}", "{\"events\": \"e-0\"}"}) {
                Answer answer = api.post("/v1/events", body);
                assertThat(answer.status()).as(body).isEqualTo(400);
                assertThat(answer.code()).as(body).isEqualTo("INVALID_PARAMETERS");
                assertThat(answer.errorFields()).as(body).containsExactly("events");
            }
            assertThat(api.post("/v1/events", "{}").errorMessage("events")).isEqualTo("is required: must be an array of events");
        });
        assertThat(events.calls()).isEmpty();
    }

    @Test
    void malformedJsonIs400SayingSoWithoutRepeatingTheBody() {
        TestApp.test(application, api -> {
            for (String body : new String[]{"{\"events\": [" + event("e-0"), "{\"events\": [{\"phone\": " + PHONE + "}]}",
                    event("e-0") + "\n" + event("e-1")}) {
                Answer answer = api.post("/v1/events", body);
                assertThat(answer.status()).isEqualTo(400);
                assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
                assertThat(answer.message()).startsWith("The request body is not valid JSON");
                assertThat(answer.text()).doesNotContain("639171234567");
            }
            assertThat(api.post("/v1/events", "").message()).isEqualTo("The request body is empty; send a JSON object");
        });
        assertThat(events.calls()).isEmpty();
    }

    @Test
    void anEmptyBatchIsRefusedByTheUseCaseAs400OnEvents() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/events", "{\"events\": []}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorMessage("events")).isEqualTo("must hold at least one event");
        });
    }

    @Test
    void aBodyWithoutContentTypeIsAJsonBatch() {
        TestApp.test(application, api -> {
            Answer answer = api.send("/v1/events", builder -> builder.post(
                    RequestBody.create(batch(List.of(event("e-0"))).getBytes(StandardCharsets.UTF_8), null)));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.data().get("accepted").asInt()).isEqualTo(1);
        });
    }

    @Test
    void anNdjsonLineThatIsNotJsonIsRejectedAtItsLineNumberAndTheOtherLinesAreReported() {
        String stream = event("e-0") + "\n\n" + "phone=" + PHONE + ",type=OVERDUE\n" + event("e-3") + "\r\n"
                + "{\"eventId\": \"e-4\", \"type\": true}\n";
        TestApp.test(application, api -> {
            Answer answer = postNdjson(api, stream, "application/x-ndjson; charset=utf-8");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.data().get("accepted").asInt()).isEqualTo(2);
            JsonNode rejected = answer.data().get("rejected");
            assertThat(rejected).hasSize(2);
            assertRejected(rejected.get(0), 2, null, "the line is not valid JSON (column 6)");
            assertRejected(rejected.get(1), 4, "e-4", "type must be a string");
            assertThat(answer.text()).doesNotContain("639171234567");
        });
        assertThat(events.calls()).hasSize(1);
        assertThat(events.calls().get(0)).extracting(EventReport::index).containsExactly(0, 2, 3, 4);
        assertThat(events.storedFor(ACME.institutionId())).containsOnlyKeys("e-0", "e-3");
    }

    @Test
    void anNdjsonStreamOf2500LinesIsReportedInThreeChunksWithLineNumbersAsIndexes() {
        List<String> lines = numbered(2_500, i -> i == 1_234 || i == 2_499 ? "not an event" : event("e-" + i));
        TestApp.test(application, api -> {
            Answer answer = postNdjson(api, String.join("\n", lines), "application/x-ndjson");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.data().get("accepted").asInt()).isEqualTo(2_498);
            assertThat(answer.data().get("rejected")).extracting(rejection -> rejection.get("index").asInt()).containsExactly(1_234, 2_499);
        });
        assertThat(EventRoutes.STREAM_CHUNK).isEqualTo(1_000);
        assertThat(events.calls()).extracting(List::size).containsExactly(1_000, 1_000, 500);
        assertThat(events.calls().get(1).get(0).index()).isEqualTo(1_000);
        assertThat(events.calls().get(2).get(499).index()).isEqualTo(2_499);
    }

    @Test
    void anNdjsonStreamWithoutAnyEventIsRefusedByTheUseCaseAs400OnEvents() {
        TestApp.test(application, api -> {
            for (String stream : new String[]{"", "\n \n\r\n"}) {
                Answer answer = postNdjson(api, stream, "application/x-ndjson");
                assertThat(answer.status()).isEqualTo(400);
                assertThat(answer.errorMessage("events")).isEqualTo("must hold at least one event");
            }
        });
    }

    @Test
    void aBodyOfAnotherTypeIs415AndAnEmptyOneOfAnyTypeIs400() {
        TestApp.test(application, api -> {
            for (String type : new String[]{"text/plain", "application/xml", "application/ndjson", "text/csv"}) {
                Answer answer = api.send("/v1/events", builder -> builder.post(RequestBody.create(event("e-0"), MediaType.get(type))));
                assertThat(answer.status()).as(type).isEqualTo(415);
                assertThat(answer.code()).isEqualTo("UNSUPPORTED_TYPE");
                assertThat(answer.message()).contains("application/json", "application/x-ndjson");
            }
            Answer empty = api.send("/v1/events", builder -> builder.post(RequestBody.create(new byte[0], MediaType.get("text/plain"))));
            assertThat(empty.status()).isEqualTo(400);
        });
        assertThat(events.calls()).isEmpty();
    }

    @Test
    void aJsonBatchOverSixteenMebibytesIs413DeclaredOrCounted() {
        TestApp.test(application, api -> {
            Answer declared = api.postDeclaringOnly("/v1/events", "application/json", EventRoutes.MAX_JSON_BATCH_BYTES + 1);
            assertThat(declared.status()).isEqualTo(413);
            assertThat(declared.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(declared.message()).contains("16 MiB", "application/x-ndjson");

            Answer counted = api.send("/v1/events", builder -> builder.post(
                    streamed(ApiClient.JSON, EventRoutes.MAX_JSON_BATCH_BYTES + 1)));
            assertThat(counted.status()).isEqualTo(413);
            assertThat(counted.message()).contains("16 MiB");
        });
        assertThat(events.calls()).isEmpty();
    }

    @Test
    void anNdjsonStreamDeclaredOver256MebibytesIs413BeforeAnythingIsRead() {
        TestApp.test(application, api -> {
            Answer answer = api.postDeclaringOnly("/v1/events", "application/x-ndjson", EventRoutes.MAX_NDJSON_STREAM_BYTES + 1);

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.message()).contains("256 MiB").endsWith("No event of it was stored.");
        });
        assertThat(events.calls()).isEmpty();
    }

    @Test
    void anNdjsonStreamThatRunsPast256MebibytesIs413NamingTheLinesThatStayStored() {
        byte[] chunk = String.join("\n", numbered(10_000, EventRoutesTest::event)).concat("\n").getBytes(StandardCharsets.UTF_8);
        TestApp.test(application, api -> {
            Answer answer = api.send("/v1/events", builder -> builder.post(
                    streamed(NDJSON, chunk, EventRoutes.MAX_NDJSON_STREAM_BYTES + 1)));

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.message()).contains("256 MiB", "before line 10000", "duplicates");
        });
        assertThat(events.calls()).hasSize(10_000 / EventRoutes.STREAM_CHUNK);
        assertThat(events.storedFor(ACME.institutionId())).hasSize(10_000);
    }

    @Test
    void anUnreachableDatabaseOnTheFirstChunkIs503WithNothingStored() {
        events.failCall(0, new StorageUnavailableException("Connection refused", new IOException("connect timed out")));
        TestApp.test(application, api -> {
            Answer answer = postNdjson(api, event("e-0"), "application/x-ndjson");

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo("SERVER_UNAVAILABLE");
            assertThat(answer.message()).contains("nothing was written");
        });
    }

    @Test
    void anUnreachableDatabaseAfterAChunkIs503SayingWhichLinesStayStoredAndAnswerDuplicatesWhenSentAgain() {
        events.failCall(1, new StorageUnavailableException("Connection refused", new IOException("connect timed out")));
        String stream = String.join("\n", numbered(2_500, EventRoutesTest::event));
        TestApp.test(application, api -> {
            Answer failed = postNdjson(api, stream, "application/x-ndjson");

            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.code()).isEqualTo("SERVER_UNAVAILABLE");
            assertThat(failed.message()).contains("before line 1000", "duplicates").doesNotContain("Connection refused");
            assertThat(failed.data().size()).isZero();

            Answer resent = postNdjson(api, stream, "application/x-ndjson");
            assertThat(resent.status()).isEqualTo(200);
            assertThat(resent.data().get("duplicates").asInt()).isEqualTo(1_000);
            assertThat(resent.data().get("accepted").asInt()).isEqualTo(1_500);
        });
    }

    @Test
    void aStreamIsStoppedOnceOneHundredThousandOfItsEventsWereRejected() {
        String stream = "x\n".repeat(EventRoutes.MAX_STREAM_REJECTIONS + 1) + event("e-late");
        TestApp.test(application, api -> {
            Answer answer = postNdjson(api, stream, "application/x-ndjson");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.message())
                    .startsWith("The stream was stopped at line 100000 after 100,000 of its events were rejected")
                    .contains("line 0: the line is not valid JSON");
        });
        assertThat(events.calls()).hasSize(EventRoutes.MAX_STREAM_REJECTIONS / EventRoutes.STREAM_CHUNK);
        assertThat(events.storedFor(ACME.institutionId())).isEmpty();
    }

    @Test
    void reportingEventsWithoutCredentialsIs401AndReportsNothing() {
        TestApp.test(application, api -> {
            for (ApiClient caller : new ApiClient[]{api.authorizedBy(null), api.authorizedBy(ApiClient.basic(ACME.apiKey(), "wrong"))}) {
                Answer json = caller.post("/v1/events", batch(List.of(event("e-0"))));
                assertThat(json.status()).isEqualTo(401);
                assertThat(json.code()).isEqualTo("INVALID_CREDENTIALS");
                Answer ndjson = postNdjson(caller, event("e-0"), "application/x-ndjson");
                assertThat(ndjson.status()).isEqualTo(401);
            }
        });
        assertThat(events.calls()).isEmpty();
    }

    private static void assertRejected(JsonNode rejection, int index, String eventId, String message) {
        assertThat(rejection.get("index").asInt()).isEqualTo(index);
        assertThat(rejection.get("eventId").isNull() ? null : rejection.get("eventId").asText()).isEqualTo(eventId);
        assertThat(rejection.get("message").asText()).isEqualTo(message);
    }

    private static String event(String eventId) {
        return "{\"eventId\": \"" + eventId + "\", \"type\": \"OVERDUE\", \"occurredAt\": \"2024-07-30T08:00:00Z\","
                + " \"phone\": \"" + PHONE + "\", \"amount\": 1520.50, \"overdueDays\": 12}";
    }

    private static String event(int number) {
        return event("e-" + number);
    }

    private static String batch(List<String> events) {
        return "{\"events\": [" + String.join(",\n", events) + "]}";
    }

    private static List<String> numbered(int count, IntFunction<String> line) {
        return IntStream.range(0, count).mapToObj(line).toList();
    }

    private static Answer postNdjson(ApiClient api, String stream, String contentType) {
        return api.send("/v1/events", builder -> builder.post(
                RequestBody.create(stream.getBytes(StandardCharsets.UTF_8), MediaType.get(contentType))));
    }

    /** {@code length} bytes of blank lines, sent chunked (no Content-Length) as they are made. */
    private static RequestBody streamed(MediaType type, long length) {
        return streamed(type, new byte[0], length);
    }

    /**
     * {@code head}, then lines of spaces (blank, 64 KiB each) up to {@code length} bytes in all, sent chunked (no
     * Content-Length) as they are made, so that no test holds hundreds of MiB.
     */
    private static RequestBody streamed(MediaType type, byte[] head, long length) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return type;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(head);
                byte[] blankLine = new byte[64 * 1024];
                Arrays.fill(blankLine, (byte) ' ');
                blankLine[blankLine.length - 1] = '\n';
                for (long left = length - head.length; left > 0; left -= blankLine.length) {
                    sink.write(blankLine, 0, (int) Math.min(blankLine.length, left));
                }
            }
        };
    }
}

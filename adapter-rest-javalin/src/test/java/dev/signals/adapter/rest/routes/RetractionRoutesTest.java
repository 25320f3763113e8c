package dev.signals.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.InMemoryEventReports;
import dev.signals.adapter.rest.TestApp;
import dev.signals.application.port.in.RetractionReport;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static dev.signals.adapter.rest.InMemoryApplication.ACME;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/events/retractions} (contract section 4.1): the batch's shape, its elements, its answer. */
class RetractionRoutesTest {

    private final InMemoryApplication application = new InMemoryApplication();
    private final InMemoryEventReports events = application.events();

    @Test
    void eachRetractionIsAnsweredByItsIndexForTheCallersInstitution() {
        TestApp.test(application, api -> {
            api.post("/v1/events", "{\"events\": [{\"eventId\": \"e-0\", \"type\": \"OVERDUE\"}, {\"eventId\": \"e-1\", \"type\": \"DEBT\"}]}");

            Answer answer = api.post("/v1/events/retractions", "{\"retractions\": [{\"eventId\": \"e-0\", \"reason\": \"typo\"},"
                    + " {\"eventId\": \"e-0\"}, \"e-1\", {\"eventId\": 1}, {\"eventId\": \"e-1\", \"reason\": [\"no\"]},"
                    + " {\"eventId\": \"e-1\", \"reason\": null, \"extra\": true}]}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.code()).isEqualTo("OK");
            assertThat(Answer.keysOf(answer.data())).containsExactly("retracted", "alreadyRetracted", "rejected");
            assertThat(answer.data().get("retracted").asInt()).isEqualTo(2);
            assertThat(answer.data().get("alreadyRetracted").asInt()).isEqualTo(1);
            JsonNode rejected = answer.data().get("rejected");
            assertThat(rejected).hasSize(3);
            assertRejected(rejected.get(0), 2, null, "a retraction is a JSON object such as {\"eventId\": \"...\"}");
            assertRejected(rejected.get(1), 3, null, "eventId must be a string");
            assertRejected(rejected.get(2), 4, "e-1", "reason must be a string");
        });
        assertThat(events.retractionCalls()).hasSize(1);
        assertThat(events.retractionCalls().get(0)).extracting(RetractionReport::reason)
                .containsExactly("typo", null, null, null, null, null);
        assertThat(events.storedFor(ACME.institutionId())).containsOnlyKeys("e-0", "e-1");
    }

    @Test
    void aBodyThatIsNotABatchOfRetractionsIsA400NamingTheField() {
        TestApp.test(application, api -> {
            Answer notAnObject = api.post("/v1/events/retractions", "[{\"eventId\": \"e-0\"}]");
            Answer missing = api.post("/v1/events/retractions", "{\"events\": []}");
            Answer notAnArray = api.post("/v1/events/retractions", "{\"retractions\": {\"eventId\": \"e-0\"}}");
            Answer notJson = api.post("/v1/events/retractions", "{\"retractions\": [");
            String many = String.join(",", Collections.nCopies(10_001, "{\"eventId\": \"e\"}"));
            Answer tooMany = api.post("/v1/events/retractions", "{\"retractions\": [" + many + "]}");

            for (Answer answer : List.of(notAnObject, missing, notAnArray, notJson, tooMany)) {
                assertThat(answer.status()).as(answer.text()).isEqualTo(400);
                assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            }
            assertThat(notAnObject.errorMessage("retractions")).startsWith("must be an array of retractions");
            assertThat(missing.errorMessage("retractions")).startsWith("is required");
            assertThat(notAnArray.errorMessage("retractions")).startsWith("must be an array of retractions");
            assertThat(tooMany.errorMessage("retractions")).isEqualTo("a batch holds at most 10,000 retractions; send several batches");
        });
        assertThat(events.retractionCalls()).isEmpty();
    }

    @Test
    void anEmptyBatchIsRefusedByTheUseCaseAsA400() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/events/retractions", "{\"retractions\": []}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorMessage("retractions")).isEqualTo("must hold at least one retraction");
        });
    }

    @Test
    void retractingNeedsTheCallersCredentials() {
        TestApp.test(application, api -> {
            Answer answer = api.authorizedBy(null).post("/v1/events/retractions", "{\"retractions\": [{\"eventId\": \"e\"}]}");

            assertThat(answer.status()).isEqualTo(401);
        });
        assertThat(events.retractionCalls()).isEmpty();
    }

    private static void assertRejected(JsonNode rejection, int index, String eventId, String message) {
        assertThat(rejection.get("index").asInt()).isEqualTo(index);
        assertThat(rejection.get("eventId").isNull() ? null : rejection.get("eventId").asText()).isEqualTo(eventId);
        assertThat(rejection.get("message").asText()).isEqualTo(message);
    }
}

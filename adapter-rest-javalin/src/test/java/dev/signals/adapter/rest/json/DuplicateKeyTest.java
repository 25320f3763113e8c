package dev.signals.adapter.rest.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.rest.ApiClient;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.Bodies;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.InMemoryEventReports;
import dev.signals.adapter.rest.TestApp;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

import static dev.signals.adapter.rest.InMemoryApplication.ACME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key given twice in one JSON object is refused, wherever a body is JSON (issue 19: a gateway that keeps the
 * first value and a service that keeps the last would not see the same request). A body is answered 400
 * INVALID_PARAMETERS, naming the key by its JSON path, with nothing stored; an NDJSON line is rejected at its line
 * number, as any unreadable line is, while the other lines are reported.
 */
class DuplicateKeyTest {

    private static final String CONSENT = "\"consent\": " + Bodies.CONSENT;
    private static final String TWO_PHONES = "{\"phone\": \"+639171234567\", \"phone\": \"+639171234568\", " + CONSENT + "}";
    private static final String SEND_ONCE = "send each key once per object";

    private final InMemoryApplication application = new InMemoryApplication();
    private final InMemoryEventReports events = application.events();

    @Test
    void aSignalRequestGivingPhoneTwiceIs400NamingTheKeyAndNoRequestIsMade() {
        TestApp.test(application, api -> {
            for (String version : new String[]{"alpha", "beta"}) {
                Answer answer = api.post("/v1/" + version + "/signals", TWO_PHONES);

                assertThat(answer.status()).as(version).isEqualTo(400);
                assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
                assertThat(answer.message()).isEqualTo(
                        "The request body gives the key \"phone\" more than once (line 1, column 35); " + SEND_ONCE);
                assertThat(answer.errorFields()).containsExactly("phone");
                assertThat(answer.errorMessage("phone")).isEqualTo("is given more than once; " + SEND_ONCE);
                assertThat(answer.text()).doesNotContain("639171234567", "639171234568", "Duplicate field", "jackson");
                assertThat(api.get("/v1/" + version + "/signals").data().get("items")).isEmpty();
            }
        });
    }

    @Test
    void theSameValueGivenTwiceIsRefusedToo() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/alpha/signals",
                    "{\"phone\": \"+639171234567\", \"phone\": \"+639171234567\", " + CONSENT + "}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("phone");
        });
    }

    @Test
    void aKeyGivenTwiceInANestedObjectIsNamedByItsPath() {
        String body = """
                {"phone": "+639171234567", "consent": {"consentedWith": "I agree",
                 "consentedAt": "2024-08-08T16:06:00Z", "consentedAt": "2024-08-09T16:06:00Z"}}""";
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/alpha/signals", body);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.message()).isEqualTo("The request body gives the key \"consentedAt\" more than once in consent"
                    + " (line 2, column 54); " + SEND_ONCE);
            assertThat(answer.errorFields()).containsExactly("consent.consentedAt");
        });
    }

    @Test
    void theSameKeyInTwoObjectsIsNoDuplicate() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/alpha/signals", """
                    {"phone": "+639171234567", "consent": {"consentedWith": "I agree", "consentedAt": "2024-08-08T16:06:00Z",
                     "phone": "+639171234568"}}""");

            assertThat(answer.status()).isEqualTo(200);
        });
    }

    @Test
    void aKeyThatMayBePersonalDataIsNotRepeatedInTheAnswer() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/alpha/signals",
                    "{\"+639171234567\": 1, \"+639171234567\": 2, \"phone\": \"+639171234567\", " + CONSENT + "}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.message()).isEqualTo("The request body gives a key more than once (line 1, column 37); " + SEND_ONCE);
            assertThat(answer.data().size()).isZero();
            assertThat(answer.text()).doesNotContain("639171234567");

            Answer nested = api.post("/v1/alpha/signals", "{\"me@example.com\": {\"a\": 1, \"a\": 2}, " + CONSENT + "}");
            assertThat(nested.status()).isEqualTo(400);
            assertThat(nested.message()).startsWith("The request body gives a key more than once (line 1, column ");
            assertThat(nested.text()).doesNotContain("me@example.com");
        });
    }

    @Test
    void aJsonBatchWithAKeyTwiceInOneEventIs400OnThatEventsKeyAndNoEventIsReported() {
        String body = "{\"events\": [" + event("e-0") + ", {\"eventId\": \"e-1\", \"type\": \"OVERDUE\", \"phone\": \"+639171234567\","
                + " \"phone\": \"+639171234568\"}]}";
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/events", body);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.message()).startsWith("The request body gives the key \"phone\" more than once in events[1] (line 1, column ");
            assertThat(answer.errorFields()).containsExactly("events[1].phone");
            assertThat(answer.text()).doesNotContain("639171234567", "639171234568");
        });
        assertThat(events.calls()).isEmpty();
    }

    @Test
    void aJsonBatchGivingEventsTwiceIs400AndNoEventIsReported() {
        String body = "{\"events\": [" + event("e-0") + "], \"events\": [" + event("e-1") + "]}";
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/events", body);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("events");
        });
        assertThat(events.calls()).isEmpty();
    }

    @Test
    void anNdjsonLineWithAKeyTwiceIsRejectedAtItsLineNumberAndTheOtherLinesAreReported() {
        String line1 = "{\"eventId\": \"e-1\", \"type\": \"OVERDUE\", \"phone\": \"+639171234567\", \"phone\": \"+639171234568\"}";
        String stream = event("e-0") + "\n" + line1 + "\n" + event("e-2") + "\n";
        TestApp.test(application, api -> {
            Answer answer = api.send("/v1/events", builder -> builder.post(
                    RequestBody.create(stream, MediaType.get("application/x-ndjson"))));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.data().get("accepted").asInt()).isEqualTo(2);
            JsonNode rejected = answer.data().get("rejected");
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
            assertThat(rejected.get(0).get("eventId").isNull()).isTrue();
            assertThat(rejected.get(0).get("message").asText())
                    .isEqualTo("the line gives the key \"phone\" more than once (column 72); " + SEND_ONCE);
            assertThat(answer.text()).doesNotContain("639171234567", "639171234568");
        });
        assertThat(events.storedFor(ACME.institutionId())).containsOnlyKeys("e-0", "e-2");
    }

    @Test
    void anNdjsonLineThatIsNotJsonIsStillReportedAsSuch() {
        String stream = event("e-0") + "\n{\"eventId\": \"e-1\",\n";
        TestApp.test(application, api -> {
            Answer answer = api.send("/v1/events", builder -> builder.post(
                    RequestBody.create(stream, MediaType.get("application/x-ndjson"))));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.data().get("rejected").get(0).get("message").asText()).startsWith("the line is not valid JSON");
        });
    }

    @Test
    void aRetractionWithAKeyTwiceIs400AndNothingIsRetracted() {
        TestApp.test(application, api -> {
            api.post("/v1/events", "{\"events\": [" + event("e-0") + ", " + event("e-1") + "]}");

            Answer answer = api.post("/v1/events/retractions",
                    "{\"retractions\": [{\"eventId\": \"e-0\"}, {\"eventId\": \"e-0\", \"eventId\": \"e-1\"}]}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.errorFields()).containsExactly("retractions[1].eventId");
        });
        assertThat(events.retractionCalls()).isEmpty();
    }

    @Test
    void aConsentTemplateWithAKeyTwiceIs400AndNoneIsCreated() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/consentTemplates", """
                    {"consentType": "Motor", "version": "2024-08", "consentText": "I agree.", "consentText": "I do not."}""");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("consentText");
            assertThat(api.get("/v1/consentTemplates").data().get("items")).isEmpty();
        });
    }

    @Test
    void adminBodiesWithAKeyTwiceAre400AndChangeNothing() {
        TestApp.test(application, api -> {
            ApiClient admin = api.asAdmin();
            Answer account = admin.post("/v1/admin/accounts", "{\"name\": \"New\", \"institutionId\": \"new-1\", \"institutionId\": \"acme\"}");
            assertThat(account.status()).isEqualTo(400);
            assertThat(account.errorFields()).containsExactly("institutionId");

            Answer selection = admin.put("/v1/admin/accounts/acc-acme/selection",
                    "{\"signals\": [\"events_overdue_day30\"], \"signals\": [\"events_debt_day30\"]}");
            assertThat(selection.status()).isEqualTo(400);
            assertThat(selection.errorFields()).containsExactly("signals");
            assertThat(admin.get("/v1/admin/accounts/acc-acme/selection").data().get("signals")).hasSize(35);

            Answer template = admin.put("/v1/admin/accounts/acc-acme/templates/tpl-x",
                    "{\"signals\": [\"events_overdue_day30_amount\"], \"amountFormat\": \"NUMBER\", \"amountFormat\": \"BAND\"}");
            assertThat(template.status()).isEqualTo(400);
            assertThat(template.errorFields()).containsExactly("amountFormat");
            assertThat(admin.get("/v1/admin/accounts/acc-acme/templates").data().get("items")).hasSize(1);
        });
    }

    private static String event(String eventId) {
        return "{\"eventId\": \"" + eventId + "\", \"type\": \"OVERDUE\", \"occurredAt\": \"2024-07-30T08:00:00Z\","
                + " \"phone\": \"+639171234567\"}";
    }
}

package dev.signals.adapter.rest.json;

import dev.signals.adapter.rest.ApiClient;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.Bodies;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.TestApp;
import dev.signals.adapter.rest.server.JavalinApp;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static dev.signals.adapter.rest.InMemoryApplication.SUBJECT_WITH_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

/** How a body is read (contract section 1): its type, its JSON, the types of its fields, its size. */
class RequestBodyTest {

    private final InMemoryApplication application = new InMemoryApplication();

    @Test
    void aBodyThatIsNotJsonByItsContentTypeIs415UnsupportedType() {
        TestApp.test(application, api -> {
            for (String type : new String[]{"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
                Answer answer = api.send("/v1/consentTemplates", builder -> builder.post(
                        RequestBody.create(Bodies.consentTemplate("x"), MediaType.get(type))));
                assertThat(answer.status()).as(type).isEqualTo(415);
                assertThat(answer.code()).isEqualTo("UNSUPPORTED_TYPE");
                assertThat(answer.data().size()).isZero();
            }
        });
    }

    @Test
    void jsonMediaTypesWithAnyCharsetAndAMissingContentTypeAreReadAsJson() {
        TestApp.test(application, api -> {
            for (String type : new String[]{"application/json", "Application/JSON; charset=UTF-8", "application/vnd.smile+json"}) {
                Answer answer = api.send("/v1/consentTemplates", builder -> builder.post(
                        RequestBody.create(Bodies.consentTemplate("x"), MediaType.get(type))));
                assertThat(answer.status()).as(type).isEqualTo(201);
            }
            Answer untyped = api.send("/v1/consentTemplates", builder -> builder.post(
                    RequestBody.create(Bodies.consentTemplate("x").getBytes(), null)));
            assertThat(untyped.status()).isEqualTo(201);
        });
    }

    @Test
    void malformedJsonIs400SayingSoWithoutRepeatingTheBody() {
        TestApp.test(application, api -> {
            for (String body : new String[]{"{\"phone\": \"" + SUBJECT_WITH_EVENTS + "\", ", "{\"phone\": " + SUBJECT_WITH_EVENTS + "}", "{} {}"}) {
                Answer answer = api.post("/v1/alpha/signals", body);
                assertThat(answer.status()).as(body).isEqualTo(400);
                assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
                assertThat(answer.message()).startsWith("The request body is not valid JSON");
                assertThat(answer.text()).doesNotContain("639171234567");
            }
        });
    }

    @Test
    void aBodyThatIsNotAnObjectOrIsEmptyIs400SayingSo() {
        TestApp.test(application, api -> {
            Answer array = api.post("/v1/alpha/signals", "[{\"phone\": \"+639171234567\"}]");
            assertThat(array.status()).isEqualTo(400);
            assertThat(array.message()).isEqualTo("The request body must be a JSON object, not an array");
            Answer empty = api.post("/v1/alpha/signals", "");
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.message()).isEqualTo("The request body is empty; send a JSON object");
            Answer blank = api.post("/v1/alpha/signals", "  \n ");
            assertThat(blank.message()).isEqualTo("The request body is empty; send a JSON object");
        });
    }

    @Test
    void aTimestampThatIsNotIso8601IsAFieldErrorOnItsJsonPath() {
        TestApp.test(application, api -> {
            for (String consentedAt : new String[]{"\"yesterday\"", "\"2024-08-08\"", "1723132800", "true"}) {
                String body = "{\"phone\": \"+639171234567\", \"consent\": {\"type\": \"t\", \"version\": \"v\","
                        + " \"consentedWith\": \"I agree\", \"consentedAt\": " + consentedAt + "}}";
                Answer answer = api.post("/v1/alpha/signals", body);
                assertThat(answer.status()).as(consentedAt).isEqualTo(400);
                assertThat(answer.errorFields()).as(consentedAt).containsExactly("consent.consentedAt");
                assertThat(answer.errorMessage("consent.consentedAt")).isEqualTo("must be an ISO-8601 timestamp such as 2024-08-08T16:06:00Z");
                assertThat(answer.message()).isEqualTo("consent.consentedAt: must be an ISO-8601 timestamp such as 2024-08-08T16:06:00Z");
            }
            Answer asOf = api.post("/v1/alpha/signals", "{\"asOf\": \"2024-08-09 00:00\", \"consent\": " + Bodies.CONSENT + "}");
            assertThat(asOf.errorFields()).containsExactly("asOf");
        });
    }

    @Test
    void aValueOfTheWrongJsonTypeIsAFieldErrorSayingWhatIsExpected() {
        TestApp.test(application, api -> {
            assertFieldError(api.post("/v1/alpha/signals", "{\"phone\": 639171234567}"), "phone", "must be a string");
            assertFieldError(api.post("/v1/alpha/signals", "{\"phone\": true}"), "phone", "must be a string");
            assertFieldError(api.post("/v1/alpha/signals", "{\"consent\": \"yes\"}"), "consent", "must be an object");
            assertFieldError(api.post("/v1/alpha/signals", "{\"consent\": {\"type\": [\"a\"]}}"), "consent.type", "must be a string");
            String template = "/v1/admin/accounts/acc-acme/templates/tpl-x";
            assertFieldError(api.asAdmin().put(template, "{\"signals\": \"events_overdue_day30\"}"), "signals", "must be an array");
            assertFieldError(api.asAdmin().put(template, "{\"signals\": [\"events_overdue_day30\", 7]}"), "signals[1]", "must be a string");
            assertFieldError(api.asAdmin().put(template, "{\"signals\": [], \"amountBands\": [0, 1000, \"5000\"]}"), "amountBands[2]", "must be an integer");
            assertFieldError(api.asAdmin().put(template, "{\"signals\": [], \"amountBands\": [0, 1.5]}"), "amountBands[1]", "must be an integer");
            assertFieldError(api.asAdmin().put(template, "{\"signals\": [], \"amountBands\": [100000000000000000000]}"), "amountBands[0]", "is a number out of range");
        });
    }

    @Test
    void aBodyOverOneMebibyteIs413InvalidParameters() {
        byte[] tooLarge = new byte[(int) JavalinApp.MAX_REQUEST_SIZE + 1];
        Arrays.fill(tooLarge, (byte) ' ');
        tooLarge[0] = '{';
        tooLarge[tooLarge.length - 1] = '}';
        TestApp.test(application, api -> {
            Answer declared = api.send("/v1/consentTemplates", builder -> builder.post(RequestBody.create(tooLarge, ApiClient.JSON)));
            assertThat(declared.status()).isEqualTo(413);
            assertThat(declared.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(declared.message()).contains("1 MiB");

            Answer chunked = api.send("/v1/consentTemplates", builder -> builder.post(chunked(tooLarge)));
            assertThat(chunked.status()).isEqualTo(413);
            assertThat(chunked.code()).isEqualTo("INVALID_PARAMETERS");
        });
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() {
        TestApp.test(application, api -> {
            Answer answer = api.send("/v1/consentTemplates", builder -> builder.post(chunked(Bodies.consentTemplate("chunked").getBytes())));
            assertThat(answer.status()).isEqualTo(201);
        });
    }

    private static void assertFieldError(Answer answer, String field, String message) {
        assertThat(answer.status()).as(field).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
        assertThat(answer.errorFields()).as(answer.text()).containsExactly(field);
        assertThat(answer.errorMessage(field)).isEqualTo(message);
    }

    /** A body sent with Transfer-Encoding: chunked, i.e. without a Content-Length. */
    private static RequestBody chunked(byte[] bytes) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return ApiClient.JSON;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(bytes);
            }
        };
    }
}

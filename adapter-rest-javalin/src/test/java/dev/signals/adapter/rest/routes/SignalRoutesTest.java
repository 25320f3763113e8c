package dev.signals.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.Bodies;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.TestApp;
import dev.signals.application.port.in.ListSignalRequestsCommand;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static dev.signals.adapter.rest.ApiClient.Answer.keysOf;
import static dev.signals.adapter.rest.InMemoryApplication.ACME;
import static dev.signals.adapter.rest.InMemoryApplication.FAILING_SUBJECT;
import static dev.signals.adapter.rest.InMemoryApplication.SUBJECT_WITH_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

class SignalRoutesTest {

    /** Smile's {@code Signal} and {@code BetaSignal}, and what a request that uses no extension sends. */
    private static final List<String> ALPHA_KEYS = List.of("id", "createdAt", "status", "resultCode", "resultMessage", "requestMeta", "result");
    private static final List<String> BETA_KEYS = List.of("id", "createdAt", "status", "resultCode", "resultMessage", "signalType", "requestMeta", "items");
    private static final List<String> META_KEYS = List.of("phone", "consent");
    private static final List<String> CONSENT_KEYS = List.of("type", "version", "consentedWith", "consentedAt");
    private static final String NO_EVENTS = "+639175550000";

    private final InMemoryApplication application = new InMemoryApplication();

    @Test
    void anAlphaRequestAnswersTheSignalObjectWithOneResultKeyPerSelectedSignalInCatalogueOrder() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.code()).isEqualTo("OK");
            assertThat(answer.message()).isEqualTo("Success!");
            JsonNode signal = answer.data();
            assertThat(keysOf(signal)).containsExactlyElementsOf(ALPHA_KEYS);
            assertThat(signal.get("id").asText()).matches("signal-[0-9a-f]{32}");
            assertThat(signal.get("createdAt").asText()).isEqualTo("2024-08-09T12:55:51Z");
            assertThat(signal.has("asOf")).as("asOf only when sent").isFalse();
            assertThat(signal.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(signal.get("resultCode").asText()).isEqualTo("SUCCESS");
            assertThat(signal.get("resultMessage").asText()).isEqualTo("query success");

            JsonNode meta = signal.get("requestMeta");
            assertThat(keysOf(meta)).containsExactlyElementsOf(META_KEYS);
            assertThat(meta.get("phone").asText()).isEqualTo(SUBJECT_WITH_EVENTS);
            JsonNode consent = meta.get("consent");
            assertThat(keysOf(consent)).containsExactlyElementsOf(CONSENT_KEYS);
            assertThat(consent.get("consentedAt").asText()).isEqualTo("2024-08-08T16:06:00Z");

            JsonNode result = signal.get("result");
            List<Signal> defaults = SignalCatalogue.standard().defaults();
            assertThat(keysOf(result)).containsExactlyElementsOf(defaults.stream().map(Signal::name).toList());
            for (Signal expected : defaults) {
                JsonNode value = result.get(expected.name());
                Long want = InMemoryApplication.valueOf(expected);
                if (want == null) {
                    assertThat(value.isNull()).as(expected.name()).isTrue();
                } else {
                    assertThat(value.isIntegralNumber()).as(expected.name()).isTrue();
                    assertThat(value.asLong()).as(expected.name()).isEqualTo(want);
                }
            }
        });
    }

    @Test
    void aBetaRequestAnswersItemsOfTheTemplateWithNameValueAndValueType() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/beta/signals", Bodies.betaRequest(SUBJECT_WITH_EVENTS, "tpl-sgn003001"));
            assertThat(answer.status()).isEqualTo(200);
            JsonNode signal = answer.data();
            assertThat(keysOf(signal)).containsExactlyElementsOf(BETA_KEYS);
            assertThat(signal.get("signalType").asText()).isEqualTo("Signal1");
            assertThat(keysOf(signal.get("requestMeta"))).containsExactly("phone", "templateId", "consent");
            assertThat(signal.get("requestMeta").get("templateId").asText()).isEqualTo("tpl-sgn003001");
            JsonNode items = signal.get("items");
            assertThat(items).hasSize(35);
            List<String> names = new ArrayList<>();
            for (JsonNode item : items) {
                assertThat(keysOf(item)).containsExactly("name", "value", "valueType");
                assertThat(item.get("valueType").asText()).isEqualTo("NUMBER");
                assertThat(item.get("value").isNull() || item.get("value").isIntegralNumber()).isTrue();
                names.add(item.get("name").asText());
            }
            assertThat(names).containsExactlyElementsOf(SignalCatalogue.standard().defaultSelection().names());
        });
    }

    @Test
    void noDataIsAnAlphaResultOfNullAndEmptyBetaItems() {
        TestApp.test(application, api -> {
            Answer alpha = api.post("/v1/alpha/signals", Bodies.phoneRequest(NO_EVENTS));
            assertThat(alpha.data().get("resultCode").asText()).isEqualTo("NO_DATA");
            assertThat(keysOf(alpha.data())).containsExactlyElementsOf(ALPHA_KEYS);
            assertThat(alpha.data().get("result").isNull()).isTrue();

            Answer beta = api.post("/v1/beta/signals", Bodies.phoneRequest(NO_EVENTS));
            assertThat(beta.data().get("resultCode").asText()).isEqualTo("NO_DATA");
            assertThat(beta.data().get("items").isArray()).isTrue();
            assertThat(beta.data().get("items")).isEmpty();
        });
    }

    @Test
    void aFailedRequestReadsAsErrorWithoutValuesThroughEitherVersion() {
        TestApp.test(application, api -> {
            String id = api.post("/v1/alpha/signals", Bodies.phoneRequest(FAILING_SUBJECT)).data().get("id").asText();
            JsonNode alpha = api.get("/v1/alpha/signals/" + id).data();
            assertThat(alpha.get("status").asText()).isEqualTo("ERROR");
            assertThat(alpha.get("resultCode").asText()).isEqualTo("SYSTEM_ERROR");
            assertThat(alpha.get("result").isNull()).isTrue();
            JsonNode beta = api.get("/v1/beta/signals/" + id).data();
            assertThat(beta.get("items")).isEmpty();
        });
    }

    @Test
    void requestMetaEchoesAnEmailAddressAsOfAndCountryCodeAsSent() {
        String body = """
                {"emailAddress": " Juan@Example.com ", "countryCode": "PH", "asOf": "2024-08-01T00:00:00Z", "consent": %s}"""
                .formatted(Bodies.CONSENT);
        TestApp.test(application, api -> {
            JsonNode signal = api.post("/v1/alpha/signals", body).data();
            assertThat(signal.get("asOf").asText()).isEqualTo("2024-08-01T00:00:00Z");
            JsonNode meta = signal.get("requestMeta");
            assertThat(keysOf(meta)).containsExactly("countryCode", "emailAddress", "consent");
            assertThat(meta.get("emailAddress").asText()).isEqualTo(" Juan@Example.com ");
            assertThat(meta.get("countryCode").asText()).isEqualTo("PH");
        });
    }

    @Test
    void aTemplateIdOnAlphaIsPassedOnAndRefusedAsAFieldError() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/alpha/signals", Bodies.betaRequest(SUBJECT_WITH_EVENTS, "tpl-sgn003001"));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.errorFields()).containsExactly("templateId");
        });
    }

    @Test
    void aRequestCreatedThroughAlphaReadsThroughBetaInTheBetaShape() {
        TestApp.test(application, api -> {
            String id = api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS)).data().get("id").asText();
            Answer beta = api.get("/v1/beta/signals/" + id);
            assertThat(beta.status()).isEqualTo(200);
            assertThat(keysOf(beta.data())).containsExactlyElementsOf(BETA_KEYS);
            assertThat(beta.data().get("id").asText()).isEqualTo(id);
            assertThat(beta.data().get("items")).hasSize(35);
            assertThat(beta.data().get("requestMeta").get("templateId").asText())
                    .as("the template it was answered with: the default selection is the built-in template")
                    .isEqualTo("tpl-sgn003001");
            Answer alpha = api.get("/v1/alpha/signals/" + id);
            assertThat(keysOf(alpha.data())).containsExactlyElementsOf(ALPHA_KEYS);
        });
    }

    @Test
    void anUnknownOrAnotherAccountsRequestIs404MissingResource() {
        TestApp.test(application, api -> {
            String id = api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS)).data().get("id").asText();
            for (Answer answer : List.of(api.get("/v1/alpha/signals/signal-00000000000000000000000000000000"),
                    api.get("/v1/alpha/signals/not-an-id"),
                    api.asZeta().get("/v1/beta/signals/" + id))) {
                assertThat(answer.status()).isEqualTo(404);
                assertThat(answer.code()).isEqualTo("MISSING_RESOURCE");
                assertThat(answer.data().size()).isZero();
            }
        });
    }

    @Test
    void aListPagesNewestFirstWithNextCursorUntilTheLastPage() {
        TestApp.test(application, api -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS)).data().get("id").asText());
            }
            Answer first = api.get("/v1/beta/signals?size=2");
            assertThat(first.status()).isEqualTo(200);
            assertThat(keysOf(first.data())).containsExactly("nextCursor", "items");
            assertThat(first.data().get("items")).hasSize(2);
            assertThat(keysOf(first.data().get("items").get(0))).containsExactlyElementsOf(BETA_KEYS);
            assertThat(first.data().get("items").get(0).get("id").asText()).isEqualTo(ids.get(2));
            String cursor = first.data().get("nextCursor").asText();

            Answer last = api.get("/v1/alpha/signals?size=2&cursor=" + cursor);
            assertThat(last.data().get("items")).hasSize(1);
            assertThat(keysOf(last.data().get("items").get(0))).containsExactlyElementsOf(ALPHA_KEYS);
            assertThat(last.data().get("items").get(0).get("id").asText()).isEqualTo(ids.get(0));
            assertThat(last.data().get("nextCursor").isNull()).isTrue();

            assertThat(api.asZeta().get("/v1/alpha/signals").data().get("items")).isEmpty();
        });
    }

    @Test
    void everyListQueryParameterReachesTheCommand() {
        TestApp.test(application, api -> {
            String id = api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS)).data().get("id").asText();
            Answer answer = api.get("/v1/alpha/signals?size=5&cursor=" + id + "&signalId=" + id
                    + "&phone=%2B639171234567&countryCode=PH&startDate=2024-08-01&endDate=2024-08-09&signalType=Signal1");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(application.lastListCommand()).as("alpha has no signalType filter").isEqualTo(new ListSignalRequestsCommand(
                    ACME.id(), 5, id, id, "+639171234567", "PH", LocalDate.of(2024, 8, 1), LocalDate.of(2024, 8, 9), null));

            api.get("/v1/beta/signals?signalType=Signal2");
            assertThat(application.lastListCommand()).isEqualTo(new ListSignalRequestsCommand(
                    ACME.id(), null, null, null, null, null, null, null, "Signal2"));

            api.get("/v1/alpha/signals?size=&cursor=");
            assertThat(application.lastListCommand()).isEqualTo(new ListSignalRequestsCommand(
                    ACME.id(), null, null, null, null, null, null, null, null));
        });
    }

    @Test
    void aStartingNodeAnswersTheApi503UntilItsIndexHasReadTheJournal() {
        application.indexReady = false;
        TestApp.test(application, api -> {
            for (Answer answer : List.of(api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS)),
                    api.get("/v1/beta/signals"), api.get("/v1/catalog"))) {
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.code()).isEqualTo("SERVER_UNAVAILABLE");
                assertThat(answer.message()).contains("starting");
            }
            assertThat(api.get("/health").status()).isEqualTo(503);
            application.indexReady = true;
            assertThat(api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS)).status()).isEqualTo(200);
            assertThat(api.get("/health").status()).isEqualTo(200);
        });
    }

    @Test
    void aQueryParameterWithABrokenPercentEscapeIsAFieldErrorNotAnAbsentParameter() {
        TestApp.test(application, api -> {
            for (String query : new String[]{"cursor=%%%garbage%%%", "size=1&phone=%2B63%zz", "startDate=%u0041"}) {
                Answer answer = api.get("/v1/alpha/signals?" + query);
                assertThat(answer.status()).as(query).isEqualTo(400);
                assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
                assertThat(answer.errorFields()).hasSize(1);
                assertThat(answer.errorMessage(answer.errorFields().get(0))).contains("not followed by two hex digits");
            }
            assertThat(api.get("/v1/alpha/signals?cursor=%%%garbage%%%").errorFields()).containsExactly("cursor");
            assertThat(application.lastListCommand()).isNull();
        });
    }

    @Test
    void aSizeThatIsNoIntegerIsAFieldErrorBeforeTheApplicationIsAsked() {
        TestApp.test(application, api -> {
            for (String size : new String[]{"ten", "1.5", "99999999999"}) {
                Answer answer = api.get("/v1/alpha/signals?size=" + size);
                assertThat(answer.status()).as(size).isEqualTo(400);
                assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
                assertThat(answer.errorFields()).containsExactly("size");
                assertThat(answer.errorMessage("size")).isEqualTo("must be an integer from 1 to 150");
            }
            assertThat(application.lastListCommand()).isNull();
        });
    }

    @Test
    void aSizeOutOfRangeIsTheApplicationsFieldError() {
        TestApp.test(application, api -> {
            Answer answer = api.get("/v1/beta/signals?size=151");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("size");
            assertThat(answer.errorMessage("size")).contains("150");
        });
    }

    @Test
    void aDateThatIsNotYyyyMmDdIsAFieldErrorOnThatParameter() {
        TestApp.test(application, api -> {
            Answer start = api.get("/v1/alpha/signals?startDate=2024-13-01");
            assertThat(start.status()).isEqualTo(400);
            assertThat(start.errorFields()).containsExactly("startDate");
            assertThat(start.errorMessage("startDate")).isEqualTo("must be a date YYYY-MM-DD such as 2024-08-09");
            Answer end = api.get("/v1/alpha/signals?endDate=09/08/2024");
            assertThat(end.errorFields()).containsExactly("endDate");
        });
    }
}

package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.bootstrap.api.SmileShapes.BetaSignal;
import dev.signals.bootstrap.api.SmileShapes.BetaSignalListResponse;
import dev.signals.bootstrap.api.SmileShapes.BetaSignalPostRequest1;
import dev.signals.bootstrap.api.SmileShapes.BetaSignalResponse;
import dev.signals.bootstrap.api.SmileShapes.Code;
import dev.signals.bootstrap.api.SmileShapes.CommonResponse;
import dev.signals.bootstrap.api.SmileShapes.ConsentTemplateCreateResponse;
import dev.signals.bootstrap.api.SmileShapes.ConsentTemplateListResponse;
import dev.signals.bootstrap.api.SmileShapes.ResultCode;
import dev.signals.bootstrap.api.SmileShapes.Signal;
import dev.signals.bootstrap.api.SmileShapes.SignalListResponse;
import dev.signals.bootstrap.api.SmileShapes.SignalResponse;
import dev.signals.bootstrap.api.SmileShapes.SignalType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client generated from Smile's OpenAPI document works unchanged against this service: every signal and
 * consent-template operation of Smile's, called as such a client calls it, answers in exactly the shape of
 * Smile's schemas ({@link SmileShapes}: unknown properties fail, required ones are checked). Where this service
 * adds something (an {@code asOf}, e-mail subjects, national numbers with {@code countryCode}), it appears only
 * in the answers of requests that used it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmileClientCompatibilityTest {

    private static final String KNOWN = "+639171234567";
    private static final String UNKNOWN = "+639179990000";

    private ServiceOnH2 service;
    private ApiClient lender;
    /** Another account, for the requests that use extensions: they stay out of the lender's lists. */
    private ApiClient backTester;

    @BeforeAll
    void start() throws Exception {
        service = ServiceOnH2.start(SignalsApiTest.ADMIN_TOKEN);
        lender = service.client(service.createAccount("Smile Customer", "smile-customer"));
        backTester = service.client(service.createAccount("Back-tester", "back-tester"));
        var events = lender.post("/v1/events", Map.of("events", List.of(Map.of("eventId", "loan-1", "type", "LOAN_DISBURSEMENT",
                "occurredAt", "2024-08-01T00:00:00Z", "reportedAt", "2024-08-01T01:00:00Z", "phone", KNOWN, "amount", 25000))));
        assertThat(events.data().path("accepted").asInt()).as(events.toString()).isEqualTo(1);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** All that Smile's {@code Consent} requires. */
    private static ObjectNode smileConsent() {
        ObjectNode consent = ApiClient.JSON.createObjectNode();
        consent.put("consentedWith", "I agree to the terms and conditions.");
        consent.put("consentedAt", "2024-08-08T16:06:00Z");
        return consent;
    }

    private static ObjectNode body(String phone, ObjectNode consent) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("phone", phone);
        body.set("consent", consent);
        return body;
    }

    private static <T> T ok(ApiClient.Answer answer, Class<T> shape) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return SmileShapes.read(answer.body(), shape);
    }

    @Test
    void alphaCreateGetAndListAnswerInSmilesSignalShape() {
        // SignalPostRequest: phone and consent, the consent with only what Smile requires.
        Signal success = ok(lender.post("/v1/alpha/signals", body(KNOWN, smileConsent())), SignalResponse.class).data();
        assertThat(success.resultCode()).isEqualTo(ResultCode.SUCCESS);
        assertThat(success.result().events_loan_disbursement_day30()).isZero();   // 2024 is long past
        assertThat(success.result().events_loan_disbursement_days_since_last()).isNotNull();
        assertThat(success.requestMeta().phone()).isEqualTo(KNOWN);
        assertThat(success.requestMeta().consent().type()).isNull();

        ObjectNode fullConsent = smileConsent().put("type", "Terms And Conditions").put("version", "1");
        Signal noData = ok(lender.post("/v1/alpha/signals", body(UNKNOWN, fullConsent)), SignalResponse.class).data();
        assertThat(noData.resultCode()).isEqualTo(ResultCode.NO_DATA);
        assertThat(noData.result()).isNull();
        assertThat(noData.requestMeta().consent().version()).isEqualTo("1");

        SignalResponse read = ok(lender.get("/v1/alpha/signals/" + success.id()), SignalResponse.class);
        assertThat(read.code()).isEqualTo(Code.OK);
        assertThat(read.data()).isEqualTo(success);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(alphaList("")).extracting(Signal::id).contains(success.id(), noData.id());
        assertThat(alphaList("?signalId=" + noData.id())).extracting(Signal::id).containsExactly(noData.id());
        assertThat(alphaList("?phone=" + KNOWN.substring(1))).extracting(Signal::id).contains(success.id())
                .doesNotContain(noData.id());
        assertThat(alphaList("?startDate=" + today + "&endDate=" + today)).extracting(Signal::id)
                .contains(success.id(), noData.id());
        assertThat(alphaList("?endDate=2024-01-01")).isEmpty();

        SignalListResponse first = ok(lender.get("/v1/alpha/signals?size=1"), SignalListResponse.class);
        assertThat(first.data().items()).hasSize(1);
        assertThat(first.data().nextCursor()).isNotNull();
        assertThat(ok(lender.get("/v1/alpha/signals?size=1&cursor=" + first.data().nextCursor()), SignalListResponse.class)
                .data().items()).hasSize(1);
    }

    private List<Signal> alphaList(String query) {
        return ok(lender.get("/v1/alpha/signals" + query), SignalListResponse.class).data().items();
    }

    @Test
    void betaCreateGetAndListAnswerInSmilesBetaSignalShape() {
        // BetaSignalPostRequest1 as Smile documents it: consent, phone without '+', countryCode, templateId.
        ObjectNode request = body(KNOWN.substring(1), smileConsent()).put("countryCode", "PH").put("templateId", "tpl-sgn003001");
        BetaSignal success = ok(lender.post("/v1/beta/signals", request), BetaSignalResponse.class).data();
        assertThat(success.resultCode()).isEqualTo(ResultCode.SUCCESS);
        assertThat(success.signalType()).isEqualTo(SignalType.Signal1);
        assertThat(success.items()).hasSize(35);
        BetaSignalPostRequest1 meta = (BetaSignalPostRequest1) success.requestMeta();
        assertThat(meta.templateId()).isEqualTo("tpl-sgn003001");
        assertThat(meta.countryCode()).isEqualTo("PH");

        // Without templateId: the account's selection, the 35 defaults, which is the built-in template.
        BetaSignal noData = ok(lender.post("/v1/beta/signals", body(UNKNOWN, smileConsent())), BetaSignalResponse.class).data();
        assertThat(noData.resultCode()).isEqualTo(ResultCode.NO_DATA);
        assertThat(noData.items()).isEmpty();
        assertThat(((BetaSignalPostRequest1) noData.requestMeta()).templateId()).isEqualTo("tpl-sgn003001");

        assertThat(ok(lender.get("/v1/beta/signals/" + success.id()), BetaSignalResponse.class).data()).isEqualTo(success);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(betaList("")).extracting(BetaSignal::id).contains(success.id(), noData.id());
        assertThat(betaList("?signalType=Signal1")).extracting(BetaSignal::id).contains(success.id(), noData.id());
        assertThat(betaList("?signalType=Signal2")).isEmpty();
        assertThat(betaList("?signalType=Signal3")).isEmpty();
        assertThat(betaList("?signalId=" + success.id())).extracting(BetaSignal::id).containsExactly(success.id());
        assertThat(betaList("?phone=" + KNOWN)).extracting(BetaSignal::id).contains(success.id()).doesNotContain(noData.id());
        assertThat(betaList("?startDate=" + today + "&endDate=" + today + "&size=150")).extracting(BetaSignal::id)
                .contains(success.id(), noData.id());
        BetaSignalListResponse first = ok(lender.get("/v1/beta/signals?size=1"), BetaSignalListResponse.class);
        assertThat(ok(lender.get("/v1/beta/signals?size=1&cursor=" + first.data().nextCursor()), BetaSignalListResponse.class)
                .data().items()).hasSize(1);
    }

    private List<BetaSignal> betaList(String query) {
        return ok(lender.get("/v1/beta/signals" + query), BetaSignalListResponse.class).data().items();
    }

    @Test
    void aSignalTypeSmileDoesNotDefineIsABadParameter() {
        var answer = lender.get("/v1/beta/signals?signalType=bogus");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
        assertThat(answer.errorFields()).containsExactly("signalType");
    }

    @Test
    void aRequestMadeThroughAlphaReadsThroughBetaWithTheTemplateItWasAnsweredWith() {
        Signal alpha = ok(lender.post("/v1/alpha/signals", body(KNOWN, smileConsent())), SignalResponse.class).data();
        BetaSignal beta = ok(lender.get("/v1/beta/signals/" + alpha.id()), BetaSignalResponse.class).data();
        assertThat(beta.signalType()).isEqualTo(SignalType.Signal1);
        assertThat(((BetaSignalPostRequest1) beta.requestMeta()).templateId()).isEqualTo("tpl-sgn003001");
        assertThat(beta.items()).hasSize(35);
        assertThat(betaList("?signalId=" + alpha.id())).containsExactly(beta);
    }

    @Test
    void consentTemplatesCreateListAndDeleteInSmilesShapes() {
        var created = lender.post("/v1/consentTemplates", Map.of("consentType", "Terms and Conditions",
                "title", "Terms and Conditions", "version", "1.0.0", "consentMethod", "checkbox", "consentText", "<consent content>"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        ConsentTemplateCreateResponse template = SmileShapes.read(created.body(), ConsentTemplateCreateResponse.class);
        assertThat(template.code()).isEqualTo(Code.CREATED);

        // A consent naming the template: its id is echoed, and nothing that was not sent.
        ObjectNode consent = smileConsent().put("consentTemplateId", template.data().id());
        Signal signal = ok(lender.post("/v1/alpha/signals", body(KNOWN, consent)), SignalResponse.class).data();
        assertThat(signal.requestMeta().consent().consentTemplateId()).isEqualTo(template.data().id());

        ConsentTemplateListResponse list = ok(lender.get("/v1/consentTemplates?size=150"), ConsentTemplateListResponse.class);
        assertThat(list.data().items()).extracting(SmileShapes.ConsentTemplate::id).contains(template.data().id());

        CommonResponse deleted = ok(lender.delete("/v1/consentTemplates/" + template.data().id()), CommonResponse.class);
        assertThat(deleted.code()).isEqualTo(Code.OK);
    }

    @Test
    void extensionsAppearOnlyInTheAnswersOfRequestsThatUsedThem() {
        JsonNode plain = backTester.post("/v1/alpha/signals", body(KNOWN, smileConsent())).data();
        assertThat(plain.has("asOf")).isFalse();
        assertThat(plain.path("requestMeta").fieldNames()).toIterable().containsExactly("phone", "consent");

        ObjectNode backTest = body("09171234567", smileConsent()).put("countryCode", "PH").put("asOf", "2024-08-09T00:00:00Z");
        JsonNode extended = backTester.post("/v1/alpha/signals", backTest).data();
        assertThat(extended.path("asOf").asText()).isEqualTo("2024-08-09T00:00:00Z");
        assertThat(extended.path("requestMeta").path("countryCode").asText()).isEqualTo("PH");
        assertThat(extended.path("result").path("events_loan_disbursement_day30").asInt()).isEqualTo(1);
        assertThat(backTester.get("/v1/beta/signals/" + extended.path("id").asText()).data().path("asOf").asText())
                .isEqualTo("2024-08-09T00:00:00Z");
        assertThatThrownBy(() -> SmileShapes.read(backTester.get("/v1/alpha/signals/" + extended.path("id").asText()).body(),
                SignalResponse.class)).as("an extension is a field Smile's schema does not have").isInstanceOf(AssertionError.class);
    }
}

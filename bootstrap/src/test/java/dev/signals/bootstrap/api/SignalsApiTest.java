package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.adapter.eventsource.inmemory.InMemoryEventIndex;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client-facing contract over real HTTP, on the assembled service (H2): every endpoint, the seeds'
 * sample shapes, and every error row of the contract's table that applies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalsApiTest {

    static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";
    static final String PHONE = "+639171234567";

    private TestDatabases.TestDatabase database;
    private SignalsService service;
    private ApiClient anonymous;
    private ApiClient admin;
    private ApiClient lender;
    private ApiClient other;
    private String lenderAccountId;

    @BeforeAll
    void start() throws Exception {
        Path dataDir = Files.createTempDirectory("signals-api-test");
        database = TestDatabases.h2();
        service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN));
        anonymous = ApiClient.anonymous(service.port());
        admin = anonymous.bearer(ADMIN_TOKEN);
        JsonNode first = createAccount("ABC Lending", "abc-lending");
        lenderAccountId = first.path("id").asText();
        lender = anonymous.basic(first.path("apiKey").asText(), first.path("apiSecret").asText());
        JsonNode second = createAccount("XYZ Credit", "xyz-credit");
        other = anonymous.basic(second.path("apiKey").asText(), second.path("apiSecret").asText());
    }

    @AfterAll
    void stop() {
        service.close();
        database.close();
    }

    private JsonNode createAccount(String name, String institution) {
        var created = admin.post("/v1/admin/accounts", Map.of("name", name, "institutionId", institution));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.code()).isEqualTo("CREATED");
        return created.data();
    }

    static ObjectNode consent() {
        ObjectNode consent = ApiClient.JSON.createObjectNode();
        consent.put("type", "[Motor Loans] Terms & Conditions");
        consent.put("version", "Loan Terms & Conditions");
        consent.put("consentedWith", "I agree to ABC Company's Terms & Conditions");
        consent.put("consentedAt", "2024-08-08T16:06:00Z");
        return consent;
    }

    static ObjectNode request(String phone) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("phone", phone);
        body.set("consent", consent());
        return body;
    }

    // --- the seeds' samples ---------------------------------------------------------------------

    @Test
    void theSeedsSampleRequestAnswersInTheSeedsAlphaShapeWithAllThirtyFiveDefaults() throws Exception {
        // A subject known to the network through an event that none of the 35 defaults counts.
        String phone = "+639171230001";
        index().addAll(List.of(Event.received("captcha-1", new InstitutionId("abc-lending"), EventType.CAPTCHA,
                new PhoneNumber(phone), null, now().minus(Duration.ofDays(10)), null, null, null, null, now())));

        var answer = lender.post("/v1/alpha/signals", request(phone));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(fieldNames(answer.body())).containsExactly("code", "message", "requestId", "data");
        assertThat(answer.code()).isEqualTo("OK");
        assertThat(answer.body().path("message").asText()).isEqualTo("Success!");
        JsonNode data = answer.data();
        assertThat(fieldNames(data)).containsExactly("id", "createdAt", "status", "resultCode", "resultMessage", "requestMeta", "result");
        assertThat(data.path("id").asText()).matches("signal-[0-9a-f]{32}");
        assertThat(data.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(data.path("resultCode").asText()).isEqualTo("SUCCESS");
        assertThat(data.path("resultMessage").asText()).isEqualTo("query success");
        assertThat(data.path("requestMeta").path("phone").asText()).isEqualTo(phone);
        assertThat(data.path("requestMeta").path("consent").path("consentedAt").asText()).isEqualTo("2024-08-08T16:06:00Z");

        JsonNode seedResult = seedAlphaSample().path("data").path("result");
        assertThat(fieldNames(data.path("result"))).containsExactlyElementsOf(fieldNames(seedResult));
        assertThat(data.path("result")).isEqualTo(seedResult);
    }

    @Test
    void betaAnswersTheSameRequestWithItemsOfTheBuiltInTemplate() {
        ObjectNode body = request(PHONE);
        body.put("templateId", "tpl-sgn003001");

        var answer = lender.post("/v1/beta/signals", body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode data = answer.data();
        assertThat(fieldNames(data)).containsExactly("id", "createdAt", "status", "resultCode", "resultMessage", "signalType", "requestMeta", "items");
        assertThat(data.path("signalType").asText()).isEqualTo("Signal1");
        assertThat(data.path("requestMeta").path("templateId").asText()).isEqualTo("tpl-sgn003001");
        // No event is known for this subject: NO_DATA, no items.
        assertThat(data.path("resultCode").asText()).isEqualTo("NO_DATA");
        assertThat(data.path("items").isArray()).isTrue();
        assertThat(data.path("items")).isEmpty();

        var alphaView = lender.get("/v1/alpha/signals/" + data.path("id").asText());
        assertThat(alphaView.status()).isEqualTo(200);
        assertThat(alphaView.data().path("result").isNull()).isTrue();
        assertThat(alphaView.data().path("id")).isEqualTo(data.path("id"));
    }

    @Test
    void betaItemsCarryNameValueAndValueTypeWithAmountBands() {
        var put = admin.put("/v1/admin/accounts/" + lenderAccountId + "/templates/tpl-bands",
                Map.of("signals", List.of("events_arbitrary_day30", "events_preloan_day30", "events_debt_day90_amount"),
                        "amountFormat", "BAND"));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        String phone = "+639171230002";
        index().addAll(List.of(Event.received("debt-1", new InstitutionId("abc-lending"), EventType.DEBT,
                new PhoneNumber(phone), null, now().minus(Duration.ofDays(40)), null, new java.math.BigDecimal("0"), null, null, now())));
        ObjectNode body = request(phone);
        body.put("templateId", "tpl-bands");

        var answer = lender.post("/v1/beta/signals", body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        // The beta seed's sample items, exactly.
        assertThat(answer.data().path("items")).isEqualTo(seedBetaSample().path("data").path("items"));
    }

    // --- reading and listing ---------------------------------------------------------------------

    @Test
    void aRequestIsReadThroughEitherVersionAndAnotherAccountsIdIs404() {
        String id = lender.post("/v1/alpha/signals", request(PHONE)).data().path("id").asText();

        assertThat(lender.get("/v1/alpha/signals/" + id).status()).isEqualTo(200);
        assertThat(lender.get("/v1/beta/signals/" + id).data().has("items")).isTrue();
        var foreign = other.get("/v1/alpha/signals/" + id);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("MISSING_RESOURCE");
        assertThat(lender.get("/v1/alpha/signals/signal-00000000000000000000000000000000").status()).isEqualTo(404);
        assertThat(lender.get("/v1/alpha/signals/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void listsAreNewestFirstWithANextCursorAndFilterByAnyFormOfThePhone() {
        String phone = "+639171230003";
        String first = lender.post("/v1/alpha/signals", request(phone)).data().path("id").asText();
        ObjectNode national = request("09171230003");
        national.put("countryCode", "PH");
        String second = lender.post("/v1/alpha/signals", national).data().path("id").asText();

        var page = lender.get("/v1/alpha/signals?phone=" + new PhoneNumber(phone).md5WithPlus() + "&size=1");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(fieldNames(page.data())).containsExactlyInAnyOrder("nextCursor", "items");
        assertThat(page.data().path("items").get(0).path("id").asText()).isEqualTo(second);
        var next = lender.get("/v1/alpha/signals?phone=" + new PhoneNumber(phone).md5WithPlus() + "&size=1&cursor="
                + page.data().path("nextCursor").asText());
        assertThat(next.data().path("items").get(0).path("id").asText()).isEqualTo(first);
        assertThat(next.data().path("nextCursor").isNull()).isTrue();

        assertThat(lender.get("/v1/beta/signals?signalId=" + first).data().path("items")).hasSize(1);
        assertThat(other.get("/v1/alpha/signals?signalId=" + first).data().path("items")).isEmpty();
    }

    @Test
    void anotherAccountsCursorOrFilterShowsNothingOfThatAccount() {
        Set<String> lenders = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            lenders.add(lender.post("/v1/alpha/signals", request(PHONE)).data().path("id").asText());
        }
        String othersOwn = other.post("/v1/alpha/signals", request(PHONE)).data().path("id").asText();
        String lendersCursor = lender.get("/v1/alpha/signals?size=1").data().path("nextCursor").asText();

        var withForeignCursor = other.get("/v1/alpha/signals?size=150&cursor=" + lendersCursor);
        assertThat(withForeignCursor.status()).isEqualTo(200);
        withForeignCursor.data().path("items").forEach(item -> assertThat(lenders).doesNotContain(item.path("id").asText()));
        var byPhone = other.get("/v1/beta/signals?size=150&phone=" + PHONE.substring(1));
        byPhone.data().path("items").forEach(item -> assertThat(lenders).doesNotContain(item.path("id").asText()));
        assertThat(byPhone.data().path("items").toString()).contains(othersOwn);
        for (String id : lenders) {
            assertThat(other.get("/v1/beta/signals/" + id).status()).isEqualTo(404);
        }
    }

    @Test
    void theCatalogueListsAll108SignalsWithTheAccountsSelection() {
        var catalogue = lender.get("/v1/catalog");

        assertThat(catalogue.status()).as(catalogue.toString()).isEqualTo(200);
        JsonNode items = catalogue.data().path("items");
        assertThat(items).hasSize(108);
        assertThat(fieldNames(items.get(0))).containsExactlyInAnyOrder("name", "eventType", "window", "metric", "availability", "description", "selected");
        int selected = 0;
        for (JsonNode item : items) {
            selected += item.path("selected").asBoolean() ? 1 : 0;
        }
        assertThat(selected).isEqualTo(35);
    }

    // --- consent templates ----------------------------------------------------------------------

    @Test
    void consentTemplatesAreCreatedListedUsedAndDeletedWithinTheirAccount() {
        var created = lender.post("/v1/consentTemplates", Map.of("consentType", "[Motor Loans] Terms & Conditions",
                "title", "Motor loans", "version", "2024-08", "consentMethod", "checkbox", "consentText", "I agree to ..."));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.code()).isEqualTo("CREATED");
        String id = created.data().path("id").asText();
        assertThat(id).matches("ct-[0-9a-f]{32}");
        assertThat(created.data().path("createdAt").asText()).endsWith("Z");

        assertThat(lender.get("/v1/consentTemplates").data().path("items").toString()).contains(id);
        assertThat(other.get("/v1/consentTemplates").data().path("items").toString()).doesNotContain(id);

        ObjectNode byTemplate = request(PHONE);
        ObjectNode consent = ApiClient.JSON.createObjectNode();
        consent.put("consentedWith", "I agree");
        consent.put("consentedAt", "2024-08-08T16:06:00Z");
        consent.put("consentTemplateId", id);
        byTemplate.set("consent", consent);
        assertThat(lender.post("/v1/alpha/signals", byTemplate).status()).isEqualTo(200);
        var foreignUse = other.post("/v1/alpha/signals", byTemplate);
        assertThat(foreignUse.status()).isEqualTo(400);
        assertThat(foreignUse.errorFields()).containsExactly("consent.consentTemplateId");

        assertThat(other.delete("/v1/consentTemplates/" + id).status()).isEqualTo(404);
        assertThat(lender.delete("/v1/consentTemplates/" + id).status()).isEqualTo(200);
        assertThat(lender.delete("/v1/consentTemplates/" + id).status()).isEqualTo(404);
    }

    // --- admin ----------------------------------------------------------------------------------

    @Test
    void theAdminSetsASelectionThatAlphaResultsThenCarry() {
        var otherAccount = createAccount("Selective", "selective");
        ApiClient selective = anonymous.basic(otherAccount.path("apiKey").asText(), otherAccount.path("apiSecret").asText());
        String path = "/v1/admin/accounts/" + otherAccount.path("id").asText() + "/selection";

        assertThat(admin.get(path).data().path("signals")).hasSize(35);
        var put = admin.put(path, Map.of("signals", List.of("events_overdue_days_since_last", "events_marketing_day30")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.data().path("signals").toString()).isEqualTo("[\"events_marketing_day30\",\"events_overdue_days_since_last\"]");

        String phone = "+639171230004";
        index().addAll(List.of(Event.received("mkt-1", new InstitutionId("selective"), EventType.MARKETING,
                new PhoneNumber(phone), null, now().minus(Duration.ofDays(1)), null, null, null, null, now())));
        JsonNode result = selective.post("/v1/alpha/signals", request(phone)).data().path("result");
        assertThat(fieldNames(result)).containsExactly("events_marketing_day30", "events_overdue_days_since_last");
        assertThat(result.path("events_marketing_day30").asLong()).isEqualTo(1);
        assertThat(result.path("events_overdue_days_since_last").isNull()).isTrue();

        var unknown = admin.put(path, Map.of("signals", List.of("events_nope_day7")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("message").asText()).contains("events_nope_day7");
        assertThat(admin.get("/v1/admin/accounts/acc-00000000000000000000000000000000/selection").status()).isEqualTo(404);
    }

    @Test
    void adminTemplatesListTheBuiltInFirst() {
        var templates = admin.get("/v1/admin/accounts/" + lenderAccountId + "/templates");
        assertThat(templates.status()).as(templates.toString()).isEqualTo(200);
        assertThat(templates.data().path("items").get(0).path("id").asText()).isEqualTo("tpl-sgn003001");
    }

    // --- the error table ------------------------------------------------------------------------

    @Test
    void missingOrWrongCredentialsAre401WithAChallenge() {
        var missing = anonymous.get("/v1/alpha/signals");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(missing.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.basic("key_nobody", "wrong").get("/v1/alpha/signals").code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(anonymous.withAuthorization("Basic !!!notbase64").get("/v1/alpha/signals").status()).isEqualTo(401);
        assertThat(anonymous.bearer(ADMIN_TOKEN).get("/v1/alpha/signals").status()).isEqualTo(401);
    }

    @Test
    void missingOrWrongAdminTokenIs401InvalidToken() {
        assertThat(anonymous.post("/v1/admin/accounts", Map.of("name", "x", "institutionId", "x")).code()).isEqualTo("INVALID_TOKEN");
        assertThat(anonymous.bearer("not-the-token").get("/v1/admin/accounts/" + lenderAccountId + "/selection").code())
                .isEqualTo("INVALID_TOKEN");
        assertThat(lender.get("/v1/admin/accounts/" + lenderAccountId + "/selection").status()).isEqualTo(401);
    }

    @Test
    void malformedJsonAndANonJsonBodyAreRefused() {
        var malformed = lender.send("POST", "/v1/alpha/signals", "{\"phone\": ", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("INVALID_PARAMETERS");
        var notJson = lender.send("POST", "/v1/alpha/signals", "phone=+639171234567", "text/plain");
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.code()).isEqualTo("UNSUPPORTED_TYPE");
    }

    @Test
    void consentErrorsNameTheirField() {
        ObjectNode missing = request(PHONE);
        ((ObjectNode) missing.path("consent")).remove("consentedAt");
        assertThat(lender.post("/v1/alpha/signals", missing).errorFields()).containsExactly("consent.consentedAt");

        ObjectNode future = request(PHONE);
        ((ObjectNode) future.path("consent")).put("consentedAt", now().plus(Duration.ofHours(1)).toString());
        var answer = lender.post("/v1/alpha/signals", future);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorFields()).containsExactly("consent.consentedAt");

        ObjectNode unknownTemplate = request(PHONE);
        ((ObjectNode) unknownTemplate.path("consent")).put("consentTemplateId", "ct-00000000000000000000000000000000");
        assertThat(lender.post("/v1/alpha/signals", unknownTemplate).errorFields()).containsExactly("consent.consentTemplateId");
    }

    @Test
    void subjectErrorsNameTheirField() {
        var impossible = lender.post("/v1/alpha/signals", request("+6391712"));
        assertThat(impossible.status()).isEqualTo(400);
        assertThat(impossible.errorFields()).containsExactly("phone");
        assertThat(impossible.body().toString()).doesNotContain("6391712");

        ObjectNode both = request(PHONE);
        both.put("emailAddress", "borrower@example.com");
        assertThat(lender.post("/v1/alpha/signals", both).status()).isEqualTo(400);

        ObjectNode neither = request(PHONE);
        neither.remove("phone");
        assertThat(lender.post("/v1/alpha/signals", neither).status()).isEqualTo(400);
    }

    @Test
    void listParametersAreChecked() {
        assertThat(lender.get("/v1/alpha/signals?size=0").errorFields()).containsExactly("size");
        assertThat(lender.get("/v1/alpha/signals?size=151").errorFields()).containsExactly("size");
        assertThat(lender.get("/v1/alpha/signals?size=ten").errorFields()).containsExactly("size");
        assertThat(lender.get("/v1/alpha/signals?cursor=garbage").errorFields()).containsExactly("cursor");
        assertThat(lender.get("/v1/alpha/signals?startDate=2024-08-10&endDate=2024-08-09").status()).isEqualTo(400);
        assertThat(lender.get("/v1/alpha/signals?startDate=yesterday").errorFields()).containsExactly("startDate");
        assertThat(lender.get("/v1/consentTemplates?size=151").status()).isEqualTo(400);
    }

    @Test
    void anUnknownTemplateIsRefused() {
        ObjectNode body = request(PHONE);
        body.put("templateId", "tpl-unknown");
        var answer = lender.post("/v1/beta/signals", body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorFields()).containsExactly("templateId");
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerInTheEnvelope() {
        assertThat(lender.get("/v1/gamma/signals").status()).isEqualTo(404);
        var wrongMethod = lender.send("PATCH", "/v1/alpha/signals", "{}", "application/json");
        assertThat(wrongMethod.status()).isIn(405, 501);
        assertThat(wrongMethod.code()).isEqualTo("UNSUPPORTED_METHOD");
    }

    // --- helpers --------------------------------------------------------------------------------

    /** The clock to the microsecond, the precision the service keeps. */
    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private InMemoryEventIndex index() {
        return service.injector().getInstance(InMemoryEventIndex.class);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    static JsonNode seedAlphaSample() throws Exception {
        return sample("/seed-samples/alpha-sample.json");
    }

    static JsonNode seedBetaSample() {
        try {
            return sample("/seed-samples/beta-sample.json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sample(String resource) throws Exception {
        try (var in = SignalsApiTest.class.getResourceAsStream(resource)) {
            return ApiClient.JSON.readTree(in);
        }
    }
}

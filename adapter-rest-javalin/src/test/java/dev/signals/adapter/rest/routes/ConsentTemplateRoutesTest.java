package dev.signals.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.Bodies;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.TestApp;
import org.junit.jupiter.api.Test;

import static dev.signals.adapter.rest.ApiClient.Answer.keysOf;
import static dev.signals.adapter.rest.InMemoryApplication.SUBJECT_WITH_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

class ConsentTemplateRoutesTest {

    private final InMemoryApplication application = new InMemoryApplication();

    @Test
    void creatingAConsentTemplateIs201CreatedWithItsIdAndCreatedAt() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/consentTemplates", Bodies.consentTemplate("[Motor Loans] Terms & Conditions"));
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.code()).isEqualTo("CREATED");
            JsonNode template = answer.data();
            assertThat(keysOf(template)).containsExactly("id", "createdAt", "consentType", "title", "version", "consentMethod", "consentText");
            assertThat(template.get("id").asText()).matches("ct-[0-9a-f]{32}");
            assertThat(template.get("consentType").asText()).isEqualTo("[Motor Loans] Terms & Conditions");
            assertThat(template.get("title").asText()).isEqualTo("Motor loans");
            assertThat(template.get("version").asText()).isEqualTo("2024-08");
            assertThat(template.get("consentMethod").asText()).isEqualTo("checkbox");
            assertThat(template.get("consentText").asText()).isEqualTo("I agree to the processing of my data.");
            assertThat(template.get("createdAt").asText()).isEqualTo("2024-08-09T12:55:51Z");
        });
    }

    @Test
    void missingRequiredFieldsAreAllReportedAtOnce() {
        TestApp.test(application, api -> {
            Answer answer = api.post("/v1/consentTemplates", "{\"title\": \"only a title\"}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(answer.errorFields()).containsExactly("consentText", "consentType", "version");
            assertThat(answer.message()).isEqualTo("3 fields are invalid");
        });
    }

    @Test
    void theListPagesWithSizeAndCursor() {
        TestApp.test(application, api -> {
            String first = api.post("/v1/consentTemplates", Bodies.consentTemplate("first")).data().get("id").asText();
            String second = api.post("/v1/consentTemplates", Bodies.consentTemplate("second")).data().get("id").asText();
            Answer page = api.get("/v1/consentTemplates?size=1");
            assertThat(page.status()).isEqualTo(200);
            assertThat(keysOf(page.data())).containsExactly("nextCursor", "items");
            assertThat(page.data().get("items").get(0).get("id").asText()).isEqualTo(second);
            Answer next = api.get("/v1/consentTemplates?size=1&cursor=" + page.data().get("nextCursor").asText());
            assertThat(next.data().get("items").get(0).get("id").asText()).isEqualTo(first);
            assertThat(next.data().get("nextCursor").isNull()).isTrue();
            assertThat(api.asZeta().get("/v1/consentTemplates").data().get("items")).isEmpty();

            Answer badSize = api.get("/v1/consentTemplates?size=many");
            assertThat(badSize.status()).isEqualTo(400);
            assertThat(badSize.errorFields()).containsExactly("size");
        });
    }

    @Test
    void deletingAnswersSmilesCommonResponseAndOnly404sAfterwardsOrForAnotherAccount() {
        TestApp.test(application, api -> {
            String id = api.post("/v1/consentTemplates", Bodies.consentTemplate("to delete")).data().get("id").asText();
            Answer other = api.asZeta().delete("/v1/consentTemplates/" + id);
            assertThat(other.status()).isEqualTo(404);
            assertThat(other.code()).isEqualTo("MISSING_RESOURCE");

            Answer deleted = api.delete("/v1/consentTemplates/" + id);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(keysOf(deleted.json())).containsExactly("code", "message", "requestId");
            assertThat(deleted.code()).isEqualTo("OK");

            assertThat(api.delete("/v1/consentTemplates/" + id).status()).isEqualTo(404);
        });
    }

    @Test
    void aSignalRequestMayNameAStoredConsentTemplateInsteadOfTypeAndVersion() {
        TestApp.test(application, api -> {
            String id = api.post("/v1/consentTemplates", Bodies.consentTemplate("stored")).data().get("id").asText();
            String body = """
                    {"phone": "%s", "consent": {"consentTemplateId": "%s", "consentedWith": "I agree",
                     "consentedAt": "2024-08-08T16:06:00Z"}}""".formatted(SUBJECT_WITH_EVENTS, id);
            JsonNode consent = api.post("/v1/alpha/signals", body).data().get("requestMeta").get("consent");
            assertThat(consent.get("consentTemplateId").asText()).isEqualTo(id);
            assertThat(keysOf(consent)).as("what was sent, nothing else")
                    .containsExactly("consentedWith", "consentedAt", "consentTemplateId");

            Answer unknown = api.asZeta().post("/v1/alpha/signals", body);
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.errorFields()).containsExactly("consent.consentTemplateId");
        });
    }
}

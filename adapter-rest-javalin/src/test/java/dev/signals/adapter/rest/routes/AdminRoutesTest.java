package dev.signals.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.rest.ApiClient;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.Bodies;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.TestApp;
import dev.signals.domain.catalogue.SignalCatalogue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.signals.adapter.rest.ApiClient.Answer.keysOf;
import static dev.signals.adapter.rest.InMemoryApplication.SUBJECT_WITH_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

class AdminRoutesTest {

    private final InMemoryApplication application = new InMemoryApplication();

    @Test
    void creatingAnAccountIs201WithCredentialsThatThenWork() {
        TestApp.test(application, api -> {
            Answer answer = api.asAdmin().post("/v1/admin/accounts", "{\"name\": \"Bayan Finance\", \"institutionId\": \"bayan\"}");
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.code()).isEqualTo("CREATED");
            JsonNode account = answer.data();
            assertThat(keysOf(account)).containsExactly("id", "name", "institutionId", "apiKey", "apiSecret", "createdAt");
            assertThat(account.get("name").asText()).isEqualTo("Bayan Finance");
            assertThat(account.get("institutionId").asText()).isEqualTo("bayan");
            assertThat(account.get("createdAt").asText()).isEqualTo("2024-08-09T12:55:51Z");

            ApiClient bayan = api.authorizedBy(ApiClient.basic(account.get("apiKey").asText(), account.get("apiSecret").asText()));
            assertThat(bayan.get("/v1/catalog").status()).isEqualTo(200);
        });
    }

    @Test
    void aSecondAccountForAnInstitutionIsAFieldError() {
        TestApp.test(application, api -> {
            Answer answer = api.asAdmin().post("/v1/admin/accounts", "{\"name\": \"Acme again\", \"institutionId\": \"acme\"}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("institutionId");
        });
    }

    @Test
    void theSelectionIsTheDefaultsUntilReplacedAndAlwaysInCatalogueOrder() {
        TestApp.test(application, api -> {
            ApiClient admin = api.asAdmin();
            Answer initial = admin.get("/v1/admin/accounts/acc-acme/selection");
            assertThat(initial.status()).isEqualTo(200);
            assertThat(keysOf(initial.data())).containsExactly("signals");
            assertThat(names(initial.data().get("signals"))).containsExactlyElementsOf(SignalCatalogue.standard().defaultSelection().names());

            Answer replaced = admin.put("/v1/admin/accounts/acc-acme/selection",
                    "{\"signals\": [\"events_overdue_days_since_last\", \"events_marketing_day30\", \"events_marketing_day30\"]}");
            assertThat(replaced.status()).isEqualTo(200);
            assertThat(names(replaced.data().get("signals"))).containsExactly("events_marketing_day30", "events_overdue_days_since_last");

            JsonNode result = api.post("/v1/alpha/signals", Bodies.phoneRequest(SUBJECT_WITH_EVENTS)).data().get("result");
            assertThat(keysOf(result)).containsExactly("events_marketing_day30", "events_overdue_days_since_last");
        });
    }

    @Test
    void unknownSignalNamesAreAFieldErrorOnSignals() {
        TestApp.test(application, api -> {
            Answer answer = api.asAdmin().put("/v1/admin/accounts/acc-acme/selection", "{\"signals\": [\"events_nothing_day7\"]}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("signals");
            assertThat(answer.errorMessage("signals")).contains("events_nothing_day7");
        });
    }

    @Test
    void anUnknownOrImpossibleAccountIdIs404() {
        TestApp.test(application, api -> {
            for (String id : new String[]{"acc-nobody", "x".repeat(41)}) {
                Answer answer = api.asAdmin().get("/v1/admin/accounts/" + id + "/selection");
                assertThat(answer.status()).as(id).isEqualTo(404);
                assertThat(answer.code()).isEqualTo("MISSING_RESOURCE");
            }
            assertThat(api.asAdmin().get("/v1/admin/accounts/acc-nobody/templates").status()).isEqualTo(404);
        });
    }

    @Test
    void aBandTemplateIsStoredListedAfterTheBuiltInAndShapesBetaAmounts() {
        TestApp.test(application, api -> {
            ApiClient admin = api.asAdmin();
            Answer put = admin.put("/v1/admin/accounts/acc-acme/templates/tpl-bands", """
                    {"signals": ["events_overdue_day30_amount", "events_overdue_day30"], "amountFormat": "BAND",
                     "amountBands": [0, 5000, 50000]}""");
            assertThat(put.status()).isEqualTo(200);
            assertThat(keysOf(put.data())).containsExactly("id", "signals", "amountFormat", "amountBands");
            assertThat(put.data().get("id").asText()).isEqualTo("tpl-bands");
            assertThat(names(put.data().get("signals"))).containsExactly("events_overdue_day30", "events_overdue_day30_amount");
            assertThat(put.data().get("amountFormat").asText()).isEqualTo("BAND");
            assertThat(put.data().get("amountBands").toString()).isEqualTo("[0,5000,50000]");

            JsonNode items = admin.get("/v1/admin/accounts/acc-acme/templates").data().get("items");
            assertThat(items).hasSize(2);
            assertThat(items.get(0).get("id").asText()).isEqualTo("tpl-sgn003001");
            assertThat(items.get(0).get("signals")).hasSize(35);
            assertThat(items.get(0).get("amountFormat").asText()).isEqualTo("NUMBER");
            assertThat(items.get(1).get("id").asText()).isEqualTo("tpl-bands");

            JsonNode beta = api.post("/v1/beta/signals", Bodies.betaRequest(SUBJECT_WITH_EVENTS, "tpl-bands")).data().get("items");
            assertThat(beta).hasSize(2);
            assertThat(beta.get(0).get("valueType").asText()).isEqualTo("NUMBER");
            assertThat(beta.get(1).get("name").asText()).isEqualTo("events_overdue_day30_amount");
            assertThat(beta.get(1).get("valueType").asText()).isEqualTo("STRING");
            assertThat(beta.get(1).get("value").asText()).isEqualTo("A2"); // 19000 is above the edges 0 and 5000
        });
    }

    @Test
    void anUnknownAmountFormatIsAFieldError() {
        TestApp.test(application, api -> {
            Answer answer = api.asAdmin().put("/v1/admin/accounts/acc-acme/templates/tpl-csv",
                    "{\"signals\": [\"events_overdue_day30\"], \"amountFormat\": \"CSV\"}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("amountFormat");
        });
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}

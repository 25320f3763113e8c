package dev.signals.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.adapter.rest.ApiClient.Answer;
import dev.signals.adapter.rest.InMemoryApplication;
import dev.signals.adapter.rest.TestApp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.signals.adapter.rest.ApiClient.Answer.keysOf;
import static org.assertj.core.api.Assertions.assertThat;

class CatalogueRoutesTest {

    private final InMemoryApplication application = new InMemoryApplication();

    @Test
    void theCatalogueListsAll108SignalsWithTheirPropertiesAndTheCallersDefaultSelection() {
        TestApp.test(application, api -> {
            Answer answer = api.get("/v1/catalog");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(keysOf(answer.data())).containsExactly("items");
            JsonNode items = answer.data().get("items");
            assertThat(items).hasSize(108);
            for (JsonNode item : items) {
                assertThat(keysOf(item)).containsExactly("name", "eventType", "window", "metric", "availability", "description", "selected");
            }
            JsonNode first = items.get(0);
            assertThat(first.get("name").asText()).isEqualTo("events_marketing_day30");
            assertThat(first.get("eventType").asText()).isEqualTo("MARKETING");
            assertThat(first.get("window").asInt()).isEqualTo(30);
            assertThat(first.get("metric").asText()).isEqualTo("COUNT");
            assertThat(first.get("availability").asText()).isEqualTo("AVAILABLE");
            assertThat(first.get("description").asText()).isEqualTo("Number of marketing promotion events in the last 30 days");
            assertThat(first.get("selected").asBoolean()).isFalse();
            JsonNode last = items.get(107);
            assertThat(last.get("name").asText()).isEqualTo("events_captcha_days_since_last");
            assertThat(last.get("window").isNull()).isTrue();
            assertThat(last.get("metric").asText()).isEqualTo("DAYS_SINCE_LAST");

            List<String> selected = new ArrayList<>();
            items.forEach(item -> {
                if (item.get("selected").asBoolean()) {
                    selected.add(item.get("name").asText());
                    assertThat(item.get("availability").asText()).isEqualTo("DEFAULT");
                }
            });
            assertThat(selected).hasSize(35);
        });
    }

    @Test
    void selectedFollowsTheAccountsOwnSelection() {
        TestApp.test(application, api -> {
            api.asAdmin().put("/v1/admin/accounts/acc-acme/selection", "{\"signals\": [\"events_debt_day180_amount\"]}");
            List<String> selected = new ArrayList<>();
            api.get("/v1/catalog").data().get("items").forEach(item -> {
                if (item.get("selected").asBoolean()) {
                    selected.add(item.get("name").asText());
                }
            });
            assertThat(selected).containsExactly("events_debt_day180_amount");
            long zetaSelected = 0;
            for (JsonNode item : api.asZeta().get("/v1/catalog").data().get("items")) {
                zetaSelected += item.get("selected").asBoolean() ? 1 : 0;
            }
            assertThat(zetaSelected).isEqualTo(35);
        });
    }
}

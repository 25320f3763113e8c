package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.adapter.persistence.DatabaseKind;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.calculation.ReferenceCalculator;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events in over HTTP, signals out over HTTP: for random histories and random {@code asOf}, every one of
 * the 108 signals equals the domain's naive reference computation of contract section 3.2.
 */
class EventsToSignalsTest {

    private static final int SCENARIOS = 40;
    private static final List<Signal> ALL = SignalCatalogue.standard().all();

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everySignalOfRandomHistoriesEqualsTheReference(DatabaseKind kind, @TempDir Path dataDir) {
        try (var database = TestDatabases.create(kind);
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN))) {
            ApiClient anonymous = ApiClient.anonymous(service.port());
            ApiClient admin = anonymous.bearer(ADMIN_TOKEN);
            Map<String, ApiClient> reporters = new HashMap<>();
            JsonNode asker = admin.post("/v1/admin/accounts", Map.of("name", "Asker", "institutionId", "asker")).data();
            ApiClient client = anonymous.basic(asker.path("apiKey").asText(), asker.path("apiSecret").asText());
            var template = admin.put("/v1/admin/accounts/" + asker.path("id").asText() + "/templates/tpl-all",
                    Map.of("signals", ALL.stream().map(Signal::name).toList(), "amountFormat", "NUMBER"));
            assertThat(template.status()).as(template.toString()).isEqualTo(200);

            List<RandomHistories.Scenario> scenarios = RandomHistories.scenarios().sampleStream().limit(SCENARIOS).toList();
            for (int s = 0; s < scenarios.size(); s++) {
                // The service keeps microseconds; the generators also draw finer asOf values for the domain's tests.
                Instant asOf = scenarios.get(s).asOf().truncatedTo(ChronoUnit.MICROS);
                PhoneNumber phone = new PhoneNumber(String.format("+6391750%05d", s));
                List<Event> events = relabel(scenarios.get(s).events(), phone, "s" + s + "-");
                post(events, reporters, admin, anonymous);

                ObjectNode body = SignalsApiTest.request(phone.e164());
                body.put("templateId", "tpl-all");
                body.put("asOf", asOf.toString());
                var answer = client.post("/v1/beta/signals", body);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);

                String context = "scenario " + s + ": " + scenarios.get(s);
                if (!ReferenceCalculator.hasData(events, asOf)) {
                    assertThat(answer.data().path("resultCode").asText()).as(context).isEqualTo("NO_DATA");
                    continue;
                }
                assertThat(answer.data().path("resultCode").asText()).as(context).isEqualTo("SUCCESS");
                Map<String, Long> expected = ReferenceCalculator.values(events, asOf, ALL);
                Map<String, Long> actual = new LinkedHashMap<>();
                answer.data().path("items").forEach(item ->
                        actual.put(item.path("name").asText(), item.path("value").isNull() ? null : item.path("value").asLong()));
                assertThat(actual).as(context).containsExactlyEntriesOf(expected);
            }
        }
    }

    /** The scenario's events about {@code phone}, with ids made unique across scenarios (their order kept). */
    private static List<Event> relabel(List<Event> events, PhoneNumber phone, String prefix) {
        return events.stream().map(e -> new Event(prefix + e.eventId(), e.institutionId(), e.type(), phone, null,
                e.occurredAt(), e.reportedAt(), e.amount(), e.overdueDays(), e.autoRepayment())).toList();
    }

    private static void post(List<Event> events, Map<String, ApiClient> reporters, ApiClient admin, ApiClient anonymous) {
        Map<String, List<Event>> byInstitution = events.stream()
                .collect(Collectors.groupingBy(e -> e.institutionId().value(), LinkedHashMap::new, Collectors.toList()));
        byInstitution.forEach((institution, batch) -> {
            ApiClient reporter = reporters.computeIfAbsent(institution, id -> {
                JsonNode account = admin.post("/v1/admin/accounts", Map.of("name", id, "institutionId", id)).data();
                return anonymous.basic(account.path("apiKey").asText(), account.path("apiSecret").asText());
            });
            var answer = reporter.post("/v1/events", EventBodies.batch(batch));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.data().path("accepted").asInt()).as(answer.toString()).isEqualTo(batch.size());
        });
    }
}

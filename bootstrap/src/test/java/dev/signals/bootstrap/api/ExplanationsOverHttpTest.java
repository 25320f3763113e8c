package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.adapter.persistence.DatabaseKind;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.calculation.ReferenceCalculator;
import dev.signals.domain.calculation.ReferenceExplanation;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Explanations over HTTP (contract section 2.5), on either database: random histories, some events retracted, asked
 * with {@code "explain": true} by one of the reporting institutions or by an outsider; every value equals the
 * reference's, every explanation equals the reference explanation (which shares no code with the service's), the
 * same answer comes back on every later read, and another institution's event ids never appear.
 */
class ExplanationsOverHttpTest {

    private static final int SCENARIOS = 15;
    private static final List<Signal> ALL = SignalCatalogue.standard().all();

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyExplanationEqualsTheReferenceAndComesBackOnEveryRead(DatabaseKind kind, @TempDir Path dataDir) {
        try (var database = TestDatabases.create(kind);
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN))) {
            ApiClient anonymous = ApiClient.anonymous(service.port());
            ApiClient admin = anonymous.bearer(ADMIN_TOKEN);
            Map<String, ApiClient> accounts = new HashMap<>();
            Random random = new Random(kind.ordinal() + 7);
            List<RandomHistories.Scenario> scenarios = RandomHistories.manyInstitutionScenarios().sampleStream()
                    .limit(SCENARIOS).toList();
            for (int s = 0; s < scenarios.size(); s++) {
                PhoneNumber phone = new PhoneNumber(String.format("+6391770%05d", s));
                String prefix = "x" + s + "-";
                List<Event> events = scenarios.get(s).events().stream().map(e -> new Event(prefix + e.eventId(), e.institutionId(),
                        e.type(), phone, null, e.occurredAt(), e.reportedAt(), e.amount(), e.overdueDays(), e.autoRepayment()))
                        .toList();
                events.stream().collect(Collectors.groupingBy(e -> e.institutionId().value(), LinkedHashMap::new, Collectors.toList()))
                        .forEach((institution, batch) -> account(institution, accounts, admin, anonymous)
                                .post("/v1/events", EventBodies.batch(batch)));
                List<RetractedEvent> retractions = new ArrayList<>();
                events.stream().filter(e -> random.nextInt(5) == 0)
                        .collect(Collectors.groupingBy(e -> e.institutionId().value(), LinkedHashMap::new, Collectors.toList()))
                        .forEach((institution, batch) -> {
                            ObjectNode body = ApiClient.JSON.createObjectNode();
                            batch.forEach(e -> body.withArray("retractions").addObject().put("eventId", e.eventId()));
                            var answer = account(institution, accounts, admin, anonymous).post("/v1/events/retractions", body);
                            assertThat(answer.data().path("retracted").asInt()).as(answer.toString()).isEqualTo(batch.size());
                            Instant committed = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            batch.forEach(e -> retractions.add(new RetractedEvent(e, committed)));
                        });
                // Asked after the retractions (at now), or as of the scenario's instant (before them).
                Instant asOf = random.nextBoolean() ? null : scenarios.get(s).asOf().truncatedTo(ChronoUnit.MICROS);
                String asker = events.isEmpty() || random.nextInt(3) == 0 ? "outsider"
                        : events.get(random.nextInt(events.size())).institutionId().value();
                ApiClient client = account(asker, accounts, admin, anonymous);

                ObjectNode body = SignalsApiTest.request(phone.e164());
                body.put("templateId", "tpl-all");
                body.put("explain", true);
                if (asOf != null) {
                    body.put("asOf", asOf.toString());
                }
                var answer = client.post("/v1/beta/signals", body);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                Instant at = asOf != null ? asOf : Instant.parse(answer.data().path("createdAt").asText());
                String context = "scenario " + s + " asked by " + asker + " at " + at + ": " + events + " retractions " + retractions;

                Explanation expected = ReferenceExplanation.explain(events, retractions, at, ALL, new InstitutionId(asker));
                assertThat(explanationOf(answer.data())).as(context).isEqualTo(expected);
                Map<String, Long> values = new LinkedHashMap<>();
                answer.data().path("items").forEach(item ->
                        values.put(item.path("name").asText(), item.path("value").isNull() ? null : item.path("value").asLong()));
                assertThat(values).as(context).isEqualTo(ReferenceCalculator.hasData(events, retractions, at)
                        ? ReferenceCalculator.values(events, retractions, at, ALL) : Map.of());
                List<String> ownIds = events.stream().filter(e -> e.institutionId().value().equals(asker)).map(Event::eventId).toList();
                events.stream().filter(e -> !ownIds.contains(e.eventId())).forEach(e ->
                        assertThat(answer.response().body()).as(context).doesNotContain("\"" + e.eventId() + "\""));
                String id = answer.data().path("id").asText();
                var readBeta = client.get("/v1/beta/signals/" + id);
                var readAlpha = client.get("/v1/alpha/signals/" + id);
                assertThat(explanationOf(readBeta.data())).as(context).isEqualTo(expected);
                assertThat(explanationOf(readAlpha.data())).as(context).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRequestWithoutExplainHasNoneOfItsFieldsAndAWrongExplainIsA400(DatabaseKind kind, @TempDir Path dataDir) {
        try (var database = TestDatabases.create(kind);
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN))) {
            ApiClient anonymous = ApiClient.anonymous(service.port());
            ApiClient admin = anonymous.bearer(ADMIN_TOKEN);
            ApiClient client = account("lender", new HashMap<>(), admin, anonymous);
            PhoneNumber phone = new PhoneNumber("+639177100001");
            client.post("/v1/events", EventBodies.batch(List.of(new Event("e-1", new InstitutionId("lender"),
                    EventType.LOAN_DISBURSEMENT, phone, null, Instant.now().minusSeconds(3_600).truncatedTo(ChronoUnit.MICROS),
                    Instant.now().minusSeconds(3_600).truncatedTo(ChronoUnit.MICROS), null, null, null))));

            var plain = client.post("/v1/alpha/signals", SignalsApiTest.request(phone.e164()));
            ObjectNode wrong = SignalsApiTest.request(phone.e164());
            wrong.put("explain", "yes");
            var refused = client.post("/v1/alpha/signals", wrong);
            ObjectNode no = SignalsApiTest.request(phone.e164());
            no.put("explain", false);
            var notExplained = client.post("/v1/beta/signals", no);

            assertThat(plain.data().has("evidence")).isFalse();
            assertThat(plain.data().has("explanation")).isFalse();
            assertThat(plain.data().has("evidenceTruncated")).isFalse();
            assertThat(notExplained.data().has("evidence")).isFalse();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_PARAMETERS");
            assertThat(refused.response().body()).contains("explain");
        }
    }

    private static ApiClient account(String institution, Map<String, ApiClient> accounts, ApiClient admin, ApiClient anonymous) {
        return accounts.computeIfAbsent(institution, id -> {
            JsonNode account = admin.post("/v1/admin/accounts", Map.of("name", id, "institutionId", id)).data();
            var template = admin.put("/v1/admin/accounts/" + account.path("id").asText() + "/templates/tpl-all",
                    Map.of("signals", ALL.stream().map(Signal::name).toList(), "amountFormat", "NUMBER"));
            assertThat(template.status()).as(template.toString()).isEqualTo(200);
            return anonymous.basic(account.path("apiKey").asText(), account.path("apiSecret").asText());
        });
    }

    /** The explanation a Signal object shows, in the domain's terms. */
    static Explanation explanationOf(JsonNode data) {
        List<Evidence> evidence = new ArrayList<>();
        for (JsonNode item : data.path("evidence")) {
            evidence.add(new Evidence(item.path("ref").asText(), EventType.valueOf(item.path("type").asText()),
                    Instant.parse(item.path("occurredAt").asText()), Instant.parse(item.path("reportedAt").asText()),
                    item.path("amount").isNull() ? null : item.path("amount").decimalValue(),
                    item.path("overdueDays").isNull() ? null : item.path("overdueDays").intValue(),
                    item.path("autoRepayment").isNull() ? null : item.path("autoRepayment").booleanValue(),
                    item.path("institution").asText(), item.has("eventId") ? item.path("eventId").asText() : null));
        }
        Map<String, List<String>> refs = new LinkedHashMap<>();
        data.path("explanation").fields().forEachRemaining(entry -> {
            List<String> list = new ArrayList<>();
            entry.getValue().forEach(ref -> list.add(ref.asText()));
            refs.put(entry.getKey(), list);
        });
        return new Explanation(evidence, refs, data.path("evidenceTruncated").asBoolean());
    }
}

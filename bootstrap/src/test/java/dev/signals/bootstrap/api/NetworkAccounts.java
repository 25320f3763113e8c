package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.PhoneNumber;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts of a test that compares a service's answers with the reference calculation: one that asks for all 108
 * signals (its template {@code tpl-all}), and one per reporting institution, made once through one node and used
 * through any node of the same database.
 */
final class NetworkAccounts {

    static final List<Signal> ALL = SignalCatalogue.standard().all();

    private final ApiClient admin;
    private final String[] asker;
    private final Map<String, String[]> reporters = new HashMap<>();

    NetworkAccounts(ApiClient anonymous) {
        this.admin = anonymous.bearer(ADMIN_TOKEN);
        JsonNode account = admin.post("/v1/admin/accounts", Map.of("name", "Asker", "institutionId", "asker")).data();
        this.asker = new String[] {account.path("apiKey").asText(), account.path("apiSecret").asText()};
        var template = admin.put("/v1/admin/accounts/" + account.path("id").asText() + "/templates/tpl-all",
                Map.of("signals", ALL.stream().map(Signal::name).toList(), "amountFormat", "NUMBER"));
        assertThat(template.status()).as(template.toString()).isEqualTo(200);
    }

    ApiClient asker(ApiClient node) {
        return node.basic(asker[0], asker[1]);
    }

    ApiClient reporter(ApiClient node, String institution) {
        String[] secret = reporters.computeIfAbsent(institution, id -> {
            JsonNode account = admin.post("/v1/admin/accounts", Map.of("name", id, "institutionId", id)).data();
            return new String[] {account.path("apiKey").asText(), account.path("apiSecret").asText()};
        });
        return node.basic(secret[0], secret[1]);
    }

    /** Posts the events through {@code node}, a batch per institution; each must be accepted. */
    void post(ApiClient node, List<Event> events) {
        events.stream().collect(Collectors.groupingBy(e -> e.institutionId().value(), LinkedHashMap::new, Collectors.toList()))
                .forEach((institution, batch) -> {
                    var answer = reporter(node, institution).post("/v1/events", EventBodies.batch(batch));
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                    assertThat(answer.data().path("accepted").asInt()).as(answer.toString()).isEqualTo(batch.size());
                });
    }

    /**
     * Retracts the events through {@code node}, each through its institution, and returns them with an instant after
     * their institution's answer: later than the commit, earlier than any later retraction's.
     */
    List<RetractedEvent> retract(ApiClient node, List<Event> events) {
        List<RetractedEvent> retracted = new ArrayList<>();
        events.stream().collect(Collectors.groupingBy(e -> e.institutionId().value(), LinkedHashMap::new, Collectors.toList()))
                .forEach((institution, batch) -> {
                    ObjectNode body = ApiClient.JSON.createObjectNode();
                    ArrayNode array = body.putArray("retractions");
                    batch.forEach(e -> array.addObject().put("eventId", e.eventId()).put("reason", "reported in error"));
                    var answer = reporter(node, institution).post("/v1/events/retractions", body);
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                    assertThat(answer.data().path("rejected")).as(answer.toString()).isEmpty();
                    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    batch.forEach(e -> retracted.add(new RetractedEvent(e, at)));
                });
        return retracted;
    }

    /** A beta request for the phone's 108 signals as of {@code asOf}. */
    ObjectNode request(PhoneNumber phone, Instant asOf) {
        ObjectNode body = SignalsApiTest.request(phone.e164());
        body.put("templateId", "tpl-all");
        body.put("asOf", asOf.toString());
        return body;
    }

    /** The phone's 108 values from {@code node} as of {@code asOf}; null for NO_DATA. */
    Map<String, Long> values(ApiClient node, PhoneNumber phone, Instant asOf) {
        var answer = asker(node).post("/v1/beta/signals", request(phone, asOf));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        if (answer.data().path("resultCode").asText().equals("NO_DATA")) {
            return null;
        }
        Map<String, Long> values = new LinkedHashMap<>();
        answer.data().path("items").forEach(item ->
                values.put(item.path("name").asText(), item.path("value").isNull() ? null : item.path("value").asLong()));
        return values;
    }
}

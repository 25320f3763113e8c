package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.bootstrap.TcpProxyForTests;
import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.calculation.ReferenceCalculator;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * A cut link (issue 19): of two nodes on one PostgreSQL database, one loses its connections to the database (a TCP
 * proxy between them is cut) while the other keeps them and takes events and retractions. The cut node answers 503,
 * and only 503, to everything, and fails its health check, so that a balancer takes it out; when the link heals it
 * answers 200 again by itself, catches up, and answers every signal of every subject as the reference calculation
 * does, exactly like the node that never lost its link.
 */
class CutLinkTest {

    private static final List<Signal> ALL = SignalCatalogue.standard().all();
    private static final int SCENARIOS = 12;

    @Test
    void aNodeThatLostItsDatabaseAnswers503ThenCatchesUpAndConverges(@TempDir Path dataDirs) throws Exception {
        try (var database = TestDatabases.postgres()) {
            URI target = URI.create(database.settings().url().substring("jdbc:".length()));
            try (var proxy = new TcpProxyForTests(target.getHost(), target.getPort()).open()) {
                DatabaseSettings direct = database.settings();
                DatabaseSettings viaProxy = new DatabaseSettings(
                        direct.url().replace(":" + target.getPort() + "/", ":" + proxy.port() + "/"), direct.user(), direct.password(),
                        direct.schema(), 10, Duration.ofMillis(500), Duration.ofSeconds(10));
                try (var kept = SignalsService.start(new SignalsConfig(0, dataDirs.resolve("kept"), direct, ADMIN_TOKEN));
                     var cut = SignalsService.start(new SignalsConfig(0, dataDirs.resolve("cut"), viaProxy, ADMIN_TOKEN))) {
                    Accounts accounts = new Accounts(ApiClient.anonymous(kept.port()));
                    List<RandomHistories.Scenario> scenarios = RandomHistories.scenarios().sampleStream().limit(2L * SCENARIOS).toList();
                    List<Subject> subjects = new ArrayList<>();
                    subjects.addAll(accounts.post(ApiClient.anonymous(cut.port()), scenarios.subList(0, SCENARIOS), 0));

                    proxy.cut();
                    ApiClient cutNode = ApiClient.anonymous(cut.port());
                    awaitStatus(cutNode, 503);
                    List<ApiClient.Answer> duringTheCut = new ArrayList<>();
                    duringTheCut.add(cutNode.get("/health"));
                    duringTheCut.add(accounts.asker(cutNode).post("/v1/beta/signals", accounts.request(subjects.get(0), Instant.now())));
                    duringTheCut.add(accounts.asker(cutNode).get("/v1/beta/signals"));
                    subjects.addAll(accounts.post(ApiClient.anonymous(kept.port()), scenarios.subList(SCENARIOS, 2 * SCENARIOS), SCENARIOS));
                    List<RetractedEvent> retractions = accounts.retractSome(ApiClient.anonymous(kept.port()), subjects);
                    duringTheCut.add(accounts.reporter(cutNode, "inst-a").post("/v1/events", EventBodies.batch(subjects.get(0).events())));
                    for (ApiClient.Answer answer : duringTheCut) {
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                        assertThat(answer.code()).isEqualTo("SERVER_UNAVAILABLE");
                    }

                    proxy.open();
                    awaitStatus(cutNode, 200);
                    Instant asOf = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    for (Subject subject : subjects) {
                        Map<String, Long> expected = ReferenceCalculator.values(subject.events(), retractions.stream()
                                .filter(r -> subject.events().contains(r.event())).toList(), asOf, ALL);
                        boolean hasData = ReferenceCalculator.hasData(subject.events(), retractions.stream()
                                .filter(r -> subject.events().contains(r.event())).toList(), asOf);
                        for (ApiClient node : List.of(ApiClient.anonymous(kept.port()), cutNode)) {
                            Map<String, Long> actual = accounts.values(node, subject, asOf);
                            // The healed node follows the journal within a second; the deadline is for a loaded machine.
                            while (!(hasData ? expected.equals(actual) : actual == null) && System.nanoTime() < deadline) {
                                Thread.sleep(100);
                                actual = accounts.values(node, subject, asOf);
                            }
                            assertThat(actual).as(subject.phone() + " on port " + node).isEqualTo(hasData ? expected : null);
                        }
                    }
                }
            }
        }
    }

    private static void awaitStatus(ApiClient node, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (node.get("/health").status() != status) {
            assertThat(System.nanoTime()).as("/health answers " + status + " within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private record Subject(PhoneNumber phone, List<Event> events) {
    }

    /** The accounts of the test, made once through one node and used through either. */
    private static final class Accounts {

        private final ApiClient admin;
        private final String[] asker;
        private final Map<String, String[]> reporters = new HashMap<>();

        Accounts(ApiClient anonymous) {
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

        /** Posts the scenarios' events through {@code node}, each scenario about a phone of its own numbered from {@code first}. */
        List<Subject> post(ApiClient node, List<RandomHistories.Scenario> scenarios, int first) {
            List<Subject> subjects = new ArrayList<>();
            for (int s = 0; s < scenarios.size(); s++) {
                PhoneNumber phone = new PhoneNumber(String.format("+6391762%05d", first + s));
                String prefix = "cut" + (first + s) + "-";
                List<Event> events = scenarios.get(s).events().stream().map(e -> new Event(prefix + e.eventId(), e.institutionId(),
                        e.type(), phone, null, e.occurredAt(), e.reportedAt(), e.amount(), e.overdueDays(), e.autoRepayment())).toList();
                events.stream().collect(Collectors.groupingBy(e -> e.institutionId().value(), LinkedHashMap::new, Collectors.toList()))
                        .forEach((institution, batch) -> {
                            var answer = reporter(node, institution).post("/v1/events", EventBodies.batch(batch));
                            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                        });
                subjects.add(new Subject(phone, events));
            }
            return subjects;
        }

        /** Retracts every fourth event of the subjects, each through its institution, on {@code node}. */
        List<RetractedEvent> retractSome(ApiClient node, List<Subject> subjects) {
            Map<String, List<Event>> chosen = new LinkedHashMap<>();
            int i = 0;
            for (Subject subject : subjects) {
                for (Event event : subject.events()) {
                    if (i++ % 4 == 0) {
                        chosen.computeIfAbsent(event.institutionId().value(), k -> new ArrayList<>()).add(event);
                    }
                }
            }
            List<RetractedEvent> retracted = new ArrayList<>();
            chosen.forEach((institution, events) -> {
                ObjectNode body = ApiClient.JSON.createObjectNode();
                ArrayNode array = body.putArray("retractions");
                events.forEach(e -> array.addObject().put("eventId", e.eventId()).put("reason", "reported in error"));
                var answer = reporter(node, institution).post("/v1/events/retractions", body);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                events.forEach(e -> retracted.add(new RetractedEvent(e, at)));
            });
            return retracted;
        }

        ObjectNode request(Subject subject, Instant asOf) {
            ObjectNode body = SignalsApiTest.request(subject.phone().e164());
            body.put("templateId", "tpl-all");
            body.put("asOf", asOf.toString());
            return body;
        }

        /** The subject's 108 values from {@code node} as of {@code asOf}; null for NO_DATA. */
        Map<String, Long> values(ApiClient node, Subject subject, Instant asOf) {
            var answer = asker(node).post("/v1/beta/signals", request(subject, asOf));
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
}

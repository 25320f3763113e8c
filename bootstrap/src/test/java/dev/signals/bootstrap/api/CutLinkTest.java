package dev.signals.bootstrap.api;

import dev.signals.adapter.persistence.DatabaseSettings;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.bootstrap.TcpProxyForTests;
import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.calculation.ReferenceCalculator;
import dev.signals.domain.catalogue.Signal;
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
import java.util.List;
import java.util.Map;

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

    private static final List<Signal> ALL = NetworkAccounts.ALL;
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
                    NetworkAccounts accounts = new NetworkAccounts(ApiClient.anonymous(kept.port()));
                    List<RandomHistories.Scenario> scenarios = RandomHistories.scenarios().sampleStream().limit(2L * SCENARIOS).toList();
                    List<Subject> subjects = new ArrayList<>();
                    subjects.addAll(post(accounts, ApiClient.anonymous(cut.port()), scenarios.subList(0, SCENARIOS), 0));

                    proxy.cut();
                    ApiClient cutNode = ApiClient.anonymous(cut.port());
                    awaitStatus(cutNode, 503);
                    List<ApiClient.Answer> duringTheCut = new ArrayList<>();
                    duringTheCut.add(cutNode.get("/health"));
                    duringTheCut.add(accounts.asker(cutNode).post("/v1/beta/signals", accounts.request(subjects.get(0).phone(), Instant.now())));
                    duringTheCut.add(accounts.asker(cutNode).get("/v1/beta/signals"));
                    subjects.addAll(post(accounts, ApiClient.anonymous(kept.port()), scenarios.subList(SCENARIOS, 2 * SCENARIOS), SCENARIOS));
                    List<RetractedEvent> retractions = accounts.retract(ApiClient.anonymous(kept.port()), everyFourth(subjects));
                    // A batch the service would take (an empty one is a 400 before the database is asked).
                    List<Event> someEvents = subjects.stream().map(Subject::events).filter(events -> !events.isEmpty()).findFirst().orElseThrow();
                    duringTheCut.add(accounts.reporter(cutNode, "inst-a").post("/v1/events", EventBodies.batch(someEvents)));
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
                            Map<String, Long> actual = accounts.values(node, subject.phone(), asOf);
                            // The healed node follows the journal within a second; the deadline is for a loaded machine.
                            while (!(hasData ? expected.equals(actual) : actual == null) && System.nanoTime() < deadline) {
                                Thread.sleep(100);
                                actual = accounts.values(node, subject.phone(), asOf);
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

    /** Posts the scenarios' events through {@code node}, each scenario about a phone of its own numbered from {@code first}. */
    private static List<Subject> post(NetworkAccounts accounts, ApiClient node, List<RandomHistories.Scenario> scenarios, int first) {
        List<Subject> subjects = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            PhoneNumber phone = new PhoneNumber(String.format("+6391762%05d", first + s));
            String prefix = "cut" + (first + s) + "-";
            List<Event> events = scenarios.get(s).events().stream().map(e -> new Event(prefix + e.eventId(), e.institutionId(),
                    e.type(), phone, null, e.occurredAt(), e.reportedAt(), e.amount(), e.overdueDays(), e.autoRepayment())).toList();
            accounts.post(node, events);
            subjects.add(new Subject(phone, events));
        }
        return subjects;
    }

    /** Every fourth event of the subjects. */
    private static List<Event> everyFourth(List<Subject> subjects) {
        List<Event> chosen = new ArrayList<>();
        int i = 0;
        for (Subject subject : subjects) {
            for (Event event : subject.events()) {
                if (i++ % 4 == 0) {
                    chosen.add(event);
                }
            }
        }
        return chosen;
    }

    private record Subject(PhoneNumber phone, List<Event> events) {
    }
}

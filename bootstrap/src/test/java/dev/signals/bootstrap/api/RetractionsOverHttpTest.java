package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.adapter.persistence.DatabaseKind;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.calculation.ReferenceCalculator;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retractions over HTTP (contract sections 3.2 and 4.1), on either database: random histories, about a third of
 * their events retracted in two rounds by the institutions that reported them; every value of the 108 signals
 * equals the reference's (which implements retractions on its own) at the scenario's asOf (before both rounds),
 * between the rounds and after them. Only the reporting institution retracts, and another learns nothing of the
 * event by trying; a retracted event id stays taken; the metrics count retractions.
 */
class RetractionsOverHttpTest {

    private static final int SCENARIOS = 20;
    private static final List<Signal> ALL = NetworkAccounts.ALL;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everySignalEqualsTheReferenceBeforeBetweenAndAfterRetractions(DatabaseKind kind, @TempDir Path dataDir) {
        try (var database = TestDatabases.create(kind);
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN))) {
            ApiClient node = ApiClient.anonymous(service.port());
            NetworkAccounts accounts = new NetworkAccounts(node);
            Random random = new Random(kind.ordinal());
            List<RandomHistories.Scenario> scenarios = RandomHistories.scenarios().sampleStream().limit(SCENARIOS).toList();
            List<Subject> subjects = new ArrayList<>();
            for (int s = 0; s < scenarios.size(); s++) {
                PhoneNumber phone = new PhoneNumber(String.format("+6391760%05d", s));
                String prefix = "s" + s + "-";
                List<Event> events = scenarios.get(s).events().stream().map(e -> new Event(prefix + e.eventId(),
                        e.institutionId(), e.type(), phone, null, e.occurredAt(), e.reportedAt(), e.amount(),
                        e.overdueDays(), e.autoRepayment())).toList();
                accounts.post(node, events);
                subjects.add(new Subject(phone, events, scenarios.get(s).asOf().truncatedTo(ChronoUnit.MICROS)));
            }

            List<RetractedEvent> retractions = new ArrayList<>();
            retractions.addAll(retractSome(accounts, node, subjects, random));
            Instant between = afterTheClockPasses(Instant.now());
            retractions.addAll(retractSome(accounts, node, subjects, random));
            Instant after = afterTheClockPasses(Instant.now());

            assertThat(retractions).hasSizeGreaterThan(SCENARIOS / 2);
            for (Subject subject : subjects) {
                for (Instant asOf : List.of(subject.asOf(), between, after)) {
                    assertAnswersAsTheReference(accounts, node, subject, retractions, asOf);
                }
            }
            long distinct = retractions.stream().map(RetractedEvent::event).distinct().count();
            assertThat(PrometheusScrape.parse(node.getText("/metrics"))
                    .value("signals_events_total", "outcome", "retracted")).isEqualTo((double) distinct);
        }
    }

    /**
     * Issue 18: a node restarted from the checkpoint it wrote when it stopped reads only the journal after it, and a
     * node whose checkpoint is corrupt rebuilds from the journal; both answer every signal as the reference does, for
     * the events and retractions before the checkpoint and after it.
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aNodeRestartedFromItsCheckpointOrFromACorruptOneAnswersAsTheReference(DatabaseKind kind, @TempDir Path dataDir)
            throws Exception {
        try (var database = TestDatabases.create(kind)) {
            SignalsConfig config = new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN);
            Random random = new Random(7 + kind.ordinal());
            List<RandomHistories.Scenario> scenarios = RandomHistories.scenarios().sampleStream().limit(SCENARIOS).toList();
            List<Subject> subjects = new ArrayList<>();
            List<RetractedEvent> retractions = new ArrayList<>();
            NetworkAccounts[] accounts = new NetworkAccounts[1];
            try (var service = SignalsService.start(config)) {
                ApiClient node = ApiClient.anonymous(service.port());
                accounts[0] = new NetworkAccounts(node);
                subjects.addAll(post(accounts[0], node, scenarios.subList(0, SCENARIOS / 2), 0));
                retractions.addAll(retractSome(accounts[0], node, subjects, random));
            }
            try (var files = java.nio.file.Files.list(config.checkpointDirectory())) {
                assertThat(files.toList()).as("the checkpoint written when the node stopped").hasSize(1);
            }

            List<String> restarted = JournalFollowerLog.during(() -> {
                try (var service = SignalsService.start(config)) {
                    ApiClient node = ApiClient.anonymous(service.port());
                    subjects.addAll(post(accounts[0], node, scenarios.subList(SCENARIOS / 2, SCENARIOS), SCENARIOS / 2));
                    retractions.addAll(retractSome(accounts[0], node, subjects, random));
                    Instant now = afterTheClockPasses(Instant.now());
                    for (Subject subject : subjects) {
                        assertAnswersAsTheReference(accounts[0], node, subject, retractions, now);
                    }
                }
            });
            assertThat(restarted).anyMatch(line -> line.startsWith("Event index checkpoint loaded"));

            Path checkpoint;
            try (var files = java.nio.file.Files.list(config.checkpointDirectory())) {
                checkpoint = files.findFirst().orElseThrow();
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(checkpoint);
            bytes[bytes.length / 2] ^= 0x5a;
            java.nio.file.Files.write(checkpoint, bytes);
            List<String> rebuilt = JournalFollowerLog.during(() -> {
                try (var service = SignalsService.start(config)) {
                    ApiClient node = ApiClient.anonymous(service.port());
                    Instant now = afterTheClockPasses(Instant.now());
                    for (Subject subject : subjects) {
                        assertAnswersAsTheReference(accounts[0], node, subject, retractions, now);
                    }
                }
            });
            assertThat(rebuilt).noneMatch(line -> line.startsWith("Event index checkpoint loaded"))
                    .anyMatch(line -> line.startsWith("Event index loaded: "
                            + subjects.stream().mapToInt(subject -> subject.events().size()).sum() + " events read from the journal"));
        }
    }

    /** Posts the scenarios' events, each scenario about a phone of its own, numbered from {@code first}. */
    private static List<Subject> post(NetworkAccounts accounts, ApiClient node, List<RandomHistories.Scenario> scenarios, int first) {
        List<Subject> subjects = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            int number = first + s;
            PhoneNumber phone = new PhoneNumber(String.format("+6391761%05d", number));
            String prefix = "c" + number + "-";
            List<Event> events = scenarios.get(s).events().stream().map(e -> new Event(prefix + e.eventId(),
                    e.institutionId(), e.type(), phone, null, e.occurredAt(), e.reportedAt(), e.amount(),
                    e.overdueDays(), e.autoRepayment())).toList();
            accounts.post(node, events);
            subjects.add(new Subject(phone, events, scenarios.get(s).asOf().truncatedTo(ChronoUnit.MICROS)));
        }
        return subjects;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void onlyTheReportingInstitutionRetractsAndARetractedIdStaysTaken(DatabaseKind kind, @TempDir Path dataDir) {
        try (var database = TestDatabases.create(kind);
             var service = SignalsService.start(new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN))) {
            ApiClient node = ApiClient.anonymous(service.port());
            NetworkAccounts accounts = new NetworkAccounts(node);
            PhoneNumber phone = new PhoneNumber("+639176100001");
            Event mine = new Event("loan-1-overdue", new InstitutionId("mine"),
                    EventType.OVERDUE, phone, null, Instant.parse("2024-07-30T08:00:00Z"),
                    Instant.parse("2024-07-30T09:00:00Z"), new BigDecimal("1520.50"), 12, false);
            accounts.post(node, List.of(mine));
            ApiClient other = accounts.reporter(node, "other");

            ApiClient.Answer theirs = other.post("/v1/events/retractions", retractions("loan-1-overdue", "never-reported"));
            assertThat(theirs.status()).isEqualTo(200);
            assertThat(theirs.data().path("retracted").asInt()).isZero();
            JsonNode rejected = theirs.data().path("rejected");
            assertThat(rejected).hasSize(2);
            assertThat(rejected.get(0).path("message").asText())
                    .isEqualTo(rejected.get(1).path("message").asText().replace("never-reported", "loan-1-overdue"))
                    .doesNotContain("mine");

            ApiClient.Answer first = accounts.reporter(node, "mine").post("/v1/events/retractions", retractions("loan-1-overdue"));
            ApiClient.Answer again = accounts.reporter(node, "mine").post("/v1/events/retractions", retractions("loan-1-overdue"));
            assertThat(first.data().path("retracted").asInt()).as(first.toString()).isEqualTo(1);
            assertThat(again.data().path("retracted").asInt()).isZero();
            assertThat(again.data().path("alreadyRetracted").asInt()).isEqualTo(1);

            ApiClient.Answer reposted = accounts.reporter(node, "mine").post("/v1/events", EventBodies.batch(List.of(mine)));
            assertThat(reposted.data().path("accepted").asInt()).isZero();
            assertThat(reposted.data().path("duplicates").asInt()).isZero();
            assertThat(reposted.data().path("rejected").get(0).path("message").asText()).contains("retracted");
        }
    }

    private static ObjectNode retractions(String... eventIds) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        ArrayNode array = body.putArray("retractions");
        for (String id : eventIds) {
            array.addObject().put("eventId", id).put("reason", "reported in error");
        }
        return body;
    }

    /** An instant the clock has passed (at microseconds, as the service keeps them), so that later commits come after it. */
    private static Instant afterTheClockPasses(Instant instant) {
        Instant mark = instant.truncatedTo(ChronoUnit.MICROS);
        while (!Instant.now().isAfter(mark.plus(1, ChronoUnit.MILLIS))) {
            Thread.onSpinWait();
        }
        return mark;
    }

    private record Subject(PhoneNumber phone, List<Event> events, Instant asOf) {
    }

    /**
     * Retracts about a sixth of the subjects' events through {@code node}, each through its institution, and returns them
     * with instants later than their commits and earlier than the next round's.
     */
    private static List<RetractedEvent> retractSome(NetworkAccounts accounts, ApiClient node, List<Subject> subjects, Random random) {
        List<Event> chosen = new ArrayList<>();
        for (Subject subject : subjects) {
            for (Event event : subject.events()) {
                if (random.nextInt(6) == 0) {
                    chosen.add(event);
                }
            }
        }
        return accounts.retract(node, chosen);
    }

    private static void assertAnswersAsTheReference(NetworkAccounts accounts, ApiClient node, Subject subject,
                                                    List<RetractedEvent> allRetractions, Instant asOf) {
        // An event retracted in both rounds counts from its first retraction.
        Map<Event, RetractedEvent> first = new LinkedHashMap<>();
        allRetractions.forEach(r -> first.putIfAbsent(r.event(), r));
        List<RetractedEvent> retractions = first.values().stream().filter(r -> subject.events().contains(r.event())).toList();
        Map<String, Long> actual = accounts.values(node, subject.phone(), asOf);
        String context = "asOf " + asOf + ", " + retractions.size() + " retractions, events " + subject.events();
        if (!ReferenceCalculator.hasData(subject.events(), retractions, asOf)) {
            assertThat(actual).as(context + ": NO_DATA").isNull();
            return;
        }
        assertThat(actual).as(context).containsExactlyEntriesOf(ReferenceCalculator.values(subject.events(), retractions, asOf, ALL));
    }
}

package dev.signals.bootstrap.api;

import dev.signals.adapter.persistence.DatabaseKind;
import dev.signals.adapter.persistence.TestDatabases;
import dev.signals.bootstrap.SignalsConfig;
import dev.signals.bootstrap.SignalsService;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.ReferenceCalculator;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.signals.bootstrap.api.SignalsApiTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, on either database: three years of events about a dozen phones, a node whose index holds 200 days in full
 * and moves its horizon while it runs. Once the old events have left its memory, and again after more events and
 * retractions came (some of events it let go, some of the latest old ones, an old event back-filled), and after a
 * restart from the checkpoint of the aged index, every value of all 108 signals equals the reference calculation over
 * all events: as of now and 10 days ago (answered from memory), and as of 100 days, a year and two years ago (beyond
 * the horizon: from the journal).
 */
class AgingOverHttpTest {

    private static final int PHONES = 12;
    private static final Duration HORIZON = Duration.ofDays(200);
    private static final List<EventType> TYPES = List.of(EventType.LOAN_DISBURSEMENT, EventType.OVERDUE, EventType.DEBT,
            EventType.SUCCESSFUL_REPAYMENT, EventType.APPLICATION_RECEPTION);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyValueInsideAndBeyondTheHorizonEqualsTheReferenceAfterEventsLeftMemory(DatabaseKind kind, @TempDir Path dataDir)
            throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Random random = new Random(18 + kind.ordinal());
        List<Phone> phones = new ArrayList<>();
        for (int p = 0; p < PHONES; p++) {
            phones.add(new Phone(new PhoneNumber(String.format("+6391763%05d", p)), history(p, now, random)));
        }
        List<RetractedEvent> retractions = new ArrayList<>();
        try (var database = TestDatabases.create(kind)) {
            SignalsConfig config = new SignalsConfig(0, dataDir, database.settings(), ADMIN_TOKEN)
                    .withIndexHorizon(HORIZON, Duration.ofMillis(100));
            NetworkAccounts accounts;
            List<Event> late = new ArrayList<>();
            try (var service = SignalsService.start(config); var aging = AgingLog.capture()) {
                ApiClient node = ApiClient.anonymous(service.port());
                NetworkAccounts made = new NetworkAccounts(node);
                accounts = made;
                phones.forEach(phone -> made.post(node, phone.events()));
                retractions.addAll(made.retract(node, everyNth(phones, 7)));
                aging.awaitEventsLeavingMemory();
                assertAllAsTheReference(made, node, phones, retractions, now);

                // After the events left: each phone's latest old disbursement retracted (the index answers from the
                // journal where it was the answer), an event it let go retracted, an old event back-filled.
                List<Event> latestOld = new ArrayList<>();
                List<Event> letGo = new ArrayList<>();
                for (Phone phone : phones) {
                    List<Event> old = phone.events().stream().filter(e -> e.occurredAt().isBefore(now.minus(HORIZON).minus(Duration.ofDays(2))))
                            .filter(e -> e.type() == EventType.LOAN_DISBURSEMENT).filter(e -> retractions.stream().noneMatch(r -> r.event().equals(e)))
                            .sorted(Comparator.comparing(Event::occurredAt)).toList();
                    if (old.size() >= 2) {
                        latestOld.add(old.get(old.size() - 1));
                        letGo.add(old.get(0));
                    }
                    Instant backFilled = now.minus(Duration.ofDays(500 + phone.number() % 7));
                    Event event = new Event("late-" + phone.number(), new InstitutionId("lender-late"), EventType.LOAN_DISBURSEMENT,
                            phone.phone(), null, backFilled, backFilled, new BigDecimal("1234.50"), null, null);
                    late.add(event);
                }
                assertThat(latestOld).isNotEmpty();
                made.post(node, late);
                retractions.addAll(made.retract(node, latestOld));
                retractions.addAll(made.retract(node, letGo));
                for (int p = 0; p < PHONES; p++) {
                    List<Event> events = new ArrayList<>(phones.get(p).events());
                    events.add(late.get(p));
                    phones.set(p, new Phone(phones.get(p).phone(), events));
                }
                assertAllAsTheReference(made, node, phones, retractions, Instant.now().truncatedTo(ChronoUnit.MICROS));
            }

            List<String> restarted = JournalFollowerLog.during(() -> {
                try (var service = SignalsService.start(config)) {
                    assertAllAsTheReference(accounts, ApiClient.anonymous(service.port()), phones, retractions,
                            Instant.now().truncatedTo(ChronoUnit.MICROS));
                }
            });
            assertThat(restarted).anyMatch(line -> line.startsWith("Event index checkpoint loaded"));
        }
    }

    /** Every phone's 108 values at five instants, inside the horizon and beyond it, as the reference gives them. */
    private static void assertAllAsTheReference(NetworkAccounts accounts, ApiClient node, List<Phone> phones,
                                                List<RetractedEvent> retractions, Instant now) {
        for (Phone phone : phones) {
            List<RetractedEvent> own = retractions.stream().filter(r -> phone.events().contains(r.event())).toList();
            for (Duration back : List.of(Duration.ZERO, Duration.ofDays(10), Duration.ofDays(100), Duration.ofDays(365),
                    Duration.ofDays(730))) {
                Instant asOf = now.minus(back);
                Map<String, Long> actual = accounts.values(node, phone.phone(), asOf);
                String context = phone.phone() + " as of " + asOf;
                if (ReferenceCalculator.hasData(phone.events(), own, asOf)) {
                    assertThat(actual).as(context).containsExactlyEntriesOf(
                            ReferenceCalculator.values(phone.events(), own, asOf, NetworkAccounts.ALL));
                } else {
                    assertThat(actual).as(context + ": NO_DATA").isNull();
                }
            }
        }
    }

    /**
     * Three years of a phone's events, a few a month, of five types and three lenders; some reported a month after
     * they occurred; ties of occurredAt now and then.
     */
    private static List<Event> history(int phone, Instant now, Random random) {
        List<Event> events = new ArrayList<>();
        PhoneNumber number = new PhoneNumber(String.format("+6391763%05d", phone));
        for (int i = 0; i < 60; i++) {
            EventType type = TYPES.get(random.nextInt(TYPES.size()));
            Instant occurred = i > 0 && random.nextInt(10) == 0 ? events.get(i - 1).occurredAt()
                    : now.minus(Duration.ofMinutes(random.nextInt(3 * 365 * 24 * 60)));
            Instant reported = random.nextInt(6) == 0 ? occurred.plus(Duration.ofDays(30)) : occurred;
            if (reported.isAfter(now)) {
                reported = now;
            }
            boolean amount = type != EventType.APPLICATION_RECEPTION && random.nextInt(4) > 0;
            events.add(new Event("p" + phone + "-" + i, new InstitutionId("lender-" + random.nextInt(3)), type, number, null,
                    occurred, reported, amount ? new BigDecimal(random.nextInt(100_000) + "." + random.nextInt(100)) : null,
                    type == EventType.OVERDUE ? random.nextInt(120) : null, type == EventType.OVERDUE ? random.nextBoolean() : null));
        }
        return events;
    }

    private static List<Event> everyNth(List<Phone> phones, int n) {
        List<Event> chosen = new ArrayList<>();
        int i = 0;
        for (Phone phone : phones) {
            for (Event event : phone.events()) {
                if (i++ % n == 0) {
                    chosen.add(event);
                }
            }
        }
        return chosen;
    }

    private record Phone(PhoneNumber phone, List<Event> events) {
        int number() {
            return Integer.parseInt(phone.e164().substring(phone.e164().length() - 5));
        }
    }
}

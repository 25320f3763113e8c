package dev.signals.adapter.eventsource.inmemory;

import dev.signals.application.port.out.IndexCheckpointPort.IndexCheckpoint;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Horizon;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.SubjectKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events leaving memory at the horizon (issue 18): an aged index answers, for every subject under every key, as an
 * index that kept every event does, wherever its histories say they answer exactly; it says so for requests at least
 * the longest window after the horizon unless an old event was retracted or reported late; it holds fewer events; and
 * what came while its copy was made, or after, is in it.
 */
class IndexAgingTest {

    private static final SignalSelection ALL = SignalCatalogue.standard().allSignals();
    private static final Instant EARLIEST = Instant.parse("2022-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2027-01-01T00:00:00Z");
    private final SignalCalculator calculator = new SignalCalculator();

    @Property(tries = 150)
    void anAgedIndexAnswersAsOneThatKeptEverythingWhereverItSaysItCan(
            @ForAll("histories") List<RandomHistories.Scenario> scenarios, @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        List<Event> events = SubjectHistories.spread(scenarios, random);
        // Near one of the events, so that some are before it and some after.
        Instant near = events.isEmpty() ? EARLIEST
                : events.get(random.nextInt(events.size())).occurredAt().plusSeconds(random.nextInt(2 * 86_400) - 86_400);
        Instant horizon = near;
        int half = events.size() / 2;
        Set<Event> retracted = new HashSet<>();
        InMemoryEventIndex full = new InMemoryEventIndex();
        InMemoryEventIndex aged = new InMemoryEventIndex();
        List<RetractedEvent> first = fresh(events.subList(0, half), retracted, random, Instant.parse("2025-06-01T00:00:00Z"));
        List<RetractedEvent> meanwhile = fresh(events, retracted, random, Instant.parse("2025-09-01T00:00:00Z"));
        List<RetractedEvent> after = fresh(events, retracted, random, Instant.parse("2026-03-01T00:00:00Z"));
        for (InMemoryEventIndex index : List.of(full, aged)) {
            index.addAll(events.subList(0, half));
            index.retractAll(first);
        }
        full.addAll(events.subList(half, events.size()));
        full.retractAll(meanwhile);
        aged.keepInFullFrom(horizon, () -> {
            aged.addAll(events.subList(half, events.size()));
            aged.retractAll(meanwhile);
        });
        full.retractAll(after);
        aged.retractAll(after);

        assertThat(aged.size()).isLessThanOrEqualTo(full.size());
        assertThat(aged.horizon()).isEqualTo(Horizon.at(Micros.of(horizon)));
        Statistics.label("events let go").collect(aged.size() < full.size());
        assertAnswersAsTheFullIndex(aged, full, events, horizon);

        // The horizon moves again, by up to 60 days: what the first move let go stays let go, and the answers hold.
        horizon = horizon.plus(Duration.ofHours(random.nextInt(60 * 24)));
        aged.keepInFullFrom(horizon);
        List<RetractedEvent> last = fresh(events, retracted, random, Instant.parse("2026-06-01T00:00:00Z"));
        full.retractAll(last);
        aged.retractAll(last);
        assertAnswersAsTheFullIndex(aged, full, events, horizon);

        Path directory = Files.createTempDirectory("aged");
        try {
            new FileIndexCheckpoints(aged, directory).capture(new IndexCheckpoint("j", new JournalPosition(1), Set.of(), full.size())).write();
            InMemoryEventIndex restored = new InMemoryEventIndex();
            assertThat(new FileIndexCheckpoints(restored, directory).restore("j")).isPresent();
            assertThat(restored.horizon()).isEqualTo(aged.horizon());
            assertThat(restored.size()).isEqualTo(aged.size());
            assertAnswersAsTheFullIndex(restored, full, events, horizon);
        } finally {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }

    /**
     * Three years of one phone's events, three types a week: only the last 210 days stay (each type has events in them,
     * so none of its older ones is needed).
     */
    @Test
    void threeYearsOfEventsKeepTheirLast210Days() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        PhoneNumber phone = new PhoneNumber("+639171234567");
        List<Event> events = new ArrayList<>();
        for (int week = 0; week < 156; week++) {
            for (EventType type : List.of(EventType.LOAN_DISBURSEMENT, EventType.OVERDUE, EventType.SUCCESSFUL_REPAYMENT)) {
                Instant at = now.minus(Duration.ofDays(7L * week + 1));
                events.add(new Event(type + "-" + week, new InstitutionId("lender-" + week % 3), type, phone, null, at, at,
                        new BigDecimal(100 + week), type == EventType.OVERDUE ? week : null, null));
            }
        }
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(events);

        int left = index.keepInFullFrom(now.minus(Duration.ofDays(210)));

        int inHorizon = (int) events.stream().filter(e -> !e.occurredAt().isBefore(now.minus(Duration.ofDays(210)))).count();
        assertThat(index.size()).isEqualTo(inHorizon);
        assertThat(left).isEqualTo(events.size() - inHorizon);
        EventHistory history = index.eventsOf(new PhoneSubject(phone));
        assertThat(history.horizon().answersExactly(history, Micros.of(now))).isTrue();
        assertThat(history.horizon().answersExactly(history, Micros.of(now.minus(Duration.ofDays(31))))).isFalse();
        assertThat(calculator.calculate(history, now, ALL)).isEqualTo(calculator.calculate(EventHistory.of(events), now, ALL));

        assertThat(index.keepInFullFrom(now.minus(Duration.ofDays(400)))).as("an earlier horizon changes nothing").isZero();
        assertThat(index.horizon()).isEqualTo(Horizon.at(Micros.of(now.minus(Duration.ofDays(210)))));
        assertThat(index.keepInFullFrom(now.minus(Duration.ofDays(209)))).as("under one in a hundred: the horizon moves only")
                .isZero();
        assertThat(index.horizon()).isEqualTo(Horizon.at(Micros.of(now.minus(Duration.ofDays(209)))));
        assertThat(index.size()).isEqualTo(inHorizon);
    }

    /**
     * A retraction of an event the index let go does not wait for it (it never comes): it is let go too, and the
     * index's latest old event of that type stays as it was.
     */
    @Test
    void aRetractionOfAnEventLetGoIsLetGoToo() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        PhoneNumber phone = new PhoneNumber("+639171234567");
        Event older = disbursement("d-1", phone, now.minus(Duration.ofDays(500)));
        Event old = disbursement("d-2", phone, now.minus(Duration.ofDays(400)));
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(List.of(older, old));
        assertThat(index.keepInFullFrom(now.minus(Duration.ofDays(210)))).isEqualTo(1);

        index.retractAll(List.of(new RetractedEvent(older, now)));

        assertThat(index.image().waiting()).isEmpty();
        assertThat(index.retractedCount()).isZero();
        EventHistory history = index.eventsOf(new PhoneSubject(phone));
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.horizon().answersExactly(history, Micros.of(now.plusSeconds(1)))).isTrue();
    }

    @Provide
    Arbitrary<List<RandomHistories.Scenario>> histories() {
        return Arbitraries.oneOf(RandomHistories.scenarios(), RandomHistories.manyInstitutionScenarios()).list().ofMinSize(1).ofMaxSize(4);
    }

    private void assertAnswersAsTheFullIndex(InMemoryEventIndex aged, InMemoryEventIndex full, List<Event> events, Instant horizon) {
        List<Instant> instants = List.of(horizon.minus(Duration.ofDays(1)), horizon.plus(Duration.ofDays(180)),
                horizon.plus(Duration.ofDays(200)), horizon.plus(Duration.ofDays(400)), LATER);
        for (String key : SubjectHistories.keys(events)) {
            EventHistory expected = full.eventsOf(SubjectKeys.subjectOf(key));
            EventHistory actual = aged.eventsOf(SubjectKeys.subjectOf(key));
            for (Instant asOf : instants) {
                boolean exact = actual.horizon().answersExactly(actual, Micros.of(asOf));
                Statistics.label("answers exactly").collect(exact);
                if (exact) {
                    assertThat(calculator.calculate(actual, asOf, ALL)).as("%s at %s", key, asOf)
                            .isEqualTo(calculator.calculate(expected, asOf, ALL));
                }
            }
            if (key.startsWith("md5:")) {
                var hash = new dev.signals.domain.subject.Md5Hash(key.substring(4));
                assertThat(aged.phoneOf(hash)).isEqualTo(full.phoneOf(hash));
            }
        }
    }

    /** About a fifth of these events not retracted yet, retracted at {@code at}. */
    private static List<RetractedEvent> fresh(List<Event> events, Set<Event> retracted, Random random, Instant at) {
        List<RetractedEvent> chosen = new ArrayList<>();
        for (Event event : events) {
            if (random.nextInt(5) == 0 && retracted.add(event)) {
                chosen.add(new RetractedEvent(event, at));
            }
        }
        return chosen;
    }

    private static Event disbursement(String id, PhoneNumber phone, Instant at) {
        return new Event(id, new InstitutionId("lender-1"), EventType.LOAN_DISBURSEMENT, phone, null, at, at, new BigDecimal("100"), null, null);
    }
}

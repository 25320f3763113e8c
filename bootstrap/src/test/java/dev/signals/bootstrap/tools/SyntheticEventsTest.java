package dev.signals.bootstrap.tools;

import dev.signals.application.port.in.EventReport;
import dev.signals.application.subject.PhoneNumbers;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void theSameSeedGivesTheSameEvents() {
        assertThat(generate(new SyntheticEvents(1_000, 5, NOW, 7), 500)).isEqualTo(generate(new SyntheticEvents(1_000, 5, NOW, 7), 500));
        assertThat(generate(new SyntheticEvents(1_000, 5, NOW, 7), 500)).isNotEqualTo(generate(new SyntheticEvents(1_000, 5, NOW, 8), 500));
    }

    @Test
    void everyGeneratedEventPassesTheDomainsRules() {
        PhoneNumbers phones = new PhoneNumbers();
        SyntheticEvents generator = new SyntheticEvents(50_000, 20, NOW, 42);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            SyntheticEvents.Generated next = generator.next();
            EventReport r = next.report();
            Event event = Event.received(r.eventId(), new InstitutionId(next.institutionId()), EventType.parse(r.type()),
                    phones.normalise(r.phone(), null), r.emailAddress() == null ? null : new dev.signals.domain.subject.EmailAddress(r.emailAddress()),
                    r.occurredAt(), r.reportedAt(), r.amount(), r.overdueDays(), r.autoRepayment(), NOW);
            assertThat(event.occurredAt()).isBetween(NOW.minus(Duration.ofDays(365)), NOW);
            assertThat(ids.add(r.eventId())).isTrue();
        }
    }

    @Test
    void mostSubjectsHaveFewEventsAndSomeHaveMany() {
        SyntheticEvents generator = new SyntheticEvents(10_000, 20, NOW, 42);
        Map<String, Integer> perSubject = new HashMap<>();
        Map<String, Integer> perInstitution = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            SyntheticEvents.Generated next = generator.next();
            perSubject.merge(next.report().phone(), 1, Integer::sum);
            perInstitution.merge(next.institutionId(), 1, Integer::sum);
        }
        List<Integer> counts = perSubject.values().stream().sorted().toList();
        int median = counts.get(counts.size() / 2);
        int max = counts.get(counts.size() - 1);
        assertThat(median).as("median events per subject").isLessThanOrEqualTo(10);
        assertThat(max).as("the busiest subject").isGreaterThan(50 * median);
        assertThat(perInstitution.get(SyntheticEvents.institutionId(0))).isGreaterThan(perInstitution.getOrDefault(SyntheticEvents.institutionId(19), 0));
    }

    @Test
    void phoneNumbersAreValidAndDistinctPerSubject() {
        PhoneNumbers phones = new PhoneNumbers();
        Set<String> seen = new HashSet<>();
        IntStream.of(0, 1, 9_999_999, 10_000_000, 42_424_242).forEach(n -> {
            String phone = SyntheticEvents.phoneOf(n);
            assertThat(phones.normalise(phone, null).e164()).isEqualTo(phone);
            assertThat(seen.add(phone)).isTrue();
        });
    }

    private static List<EventReport> generate(SyntheticEvents generator, int count) {
        return IntStream.range(0, count).mapToObj(i -> generator.next().report()).toList();
    }
}

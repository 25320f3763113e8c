package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.SubjectKeys;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers while one writer appends: every history a reader gets holds at least the events whose
 * {@code addAll} had returned when it asked, and each of its events reads back whole, never half-written,
 * while arrays grow, tables rehash and e-mail histories are gathered from their phones' rows.
 */
class InMemoryEventIndexConcurrencyTest {

    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    private static final EmailAddress EMAIL = new EmailAddress("borrower@example.com");
    private static final int BATCHES = 300;
    private static final int BATCH = 40;

    @Test
    void readersSeeEveryReturnedAppendAndNoTornEvent() throws Exception {
        InMemoryEventIndex index = new InMemoryEventIndex();
        AtomicInteger published = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            readers.add(pool.submit(() -> read(index, SubjectKeys.phoneKey(PHONE), k -> k, published, done)));
            readers.add(pool.submit(() -> read(index, SubjectKeys.emailKey(EMAIL), InMemoryEventIndexConcurrencyTest::withEmail,
                    published, done)));
            int k = 0;
            for (int batch = 0; batch < BATCHES; batch++) {
                List<Event> events = new ArrayList<>();
                for (int i = 0; i < BATCH; i++, k++) {
                    events.add(numbered(k));
                    events.add(Event.received("noise-" + k, new InstitutionId("noise"), EventType.MARKETING,
                            new PhoneNumber("+1415555" + String.format("%04d", k)), null, BASE, null, null, null, null, BASE));
                }
                index.addAll(events);
                published.set(k);
            }
            done.set(true);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).as("histories read").isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.eventsOf(new PhoneSubject(PHONE)).size()).isEqualTo(BATCHES * BATCH);
        assertThat(index.eventsOf(new EmailSubject(EMAIL)).size()).isEqualTo(withEmail(BATCHES * BATCH));
    }

    private static int read(InMemoryEventIndex index, String key, IntUnaryOperator eventsOfFirst, AtomicInteger published,
                            AtomicBoolean done) {
        int reads = 0;
        boolean last = false;
        while (!last) {
            last = done.get();
            int atLeast = eventsOfFirst.applyAsInt(published.get());
            EventHistory history = index.eventsOf(SubjectKeys.subjectOf(key));
            assertThat(history.size()).as("events added before the read").isGreaterThanOrEqualTo(atLeast);
            for (int i = 0; i < history.size(); i++) {
                checkWhole(history, i);
            }
            reads++;
        }
        return reads;
    }

    /** How many of the first {@code k} events carry the e-mail address. */
    private static int withEmail(int k) {
        return k / 4 * 2 + Math.min(k % 4, 2);
    }

    /** Event k: occurred at BASE + k s, reported k ms later, k cents, k overdue days, balance or flow by k's parity. */
    private static Event numbered(int k) {
        boolean balance = k % 2 == 0;
        Instant occurred = BASE.plusSeconds(k);
        return new Event("event-" + k, new InstitutionId("lender-" + k % 3), balance ? EventType.OVERDUE : EventType.SUCCESSFUL_REPAYMENT,
                PHONE, k % 4 < 2 ? EMAIL : null, occurred, occurred.plusMillis(k), BigDecimal.valueOf(k, 2),
                balance ? k : null, balance ? k % 3 == 0 : null);
    }

    private static void checkWhole(EventHistory history, int i) {
        int k = (int) history.amountCents(i);
        long occurred = Micros.of(BASE.plusSeconds(k));
        assertThat(history.occurredAtMicros(i)).isEqualTo(occurred);
        assertThat(history.reportedAtMicros(i)).isEqualTo(occurred + k * 1_000L);
        boolean balance = k % 2 == 0;
        assertThat(history.type(i)).isEqualTo(balance ? EventType.OVERDUE : EventType.SUCCESSFUL_REPAYMENT);
        assertThat(history.hasOverdueDays(i)).isEqualTo(balance);
        if (balance) {
            assertThat(history.overdueDays(i)).isEqualTo(k);
        }
        assertThat(history.autoRepayment(i)).isEqualTo(balance && k % 3 == 0);
        if (balance) {
            assertThat(history.eventId(i)).isEqualTo("event-" + k);
        }
    }
}

package dev.signals.adapter.persistence;

import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.application.port.out.EventJournalPort.Appended;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.signals.adapter.persistence.jooq.Tables.EVENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast the journal takes a large import: 100,000 events in batches of 5,000, and how fast it hands them back.
 * The times are printed for the record, never asserted (they depend on the machine and its load); what is
 * asserted is that every event was stored and replayed once.
 */
class JooqEventJournalThroughputTest {

    private static final int EVENTS = 100_000;
    private static final int BATCH = 5_000;
    private static final int REPLAY_BATCH = 10_000;
    private static final InstitutionId INSTITUTION = new InstitutionId("inst-throughput");
    private static final Instant T = Instant.parse("2024-07-30T08:00:00.123456Z");
    private static final EventType[] TYPES = EventType.values();

    /** A mix like a lender's: every type, mostly phones, some e-mail addresses, amounts on most. */
    private static Event event(int n) {
        EventType type = TYPES[n % TYPES.length];
        boolean overdue = type == EventType.OVERDUE;
        PhoneNumber phone = n % 5 == 4 ? null : new PhoneNumber(String.format("+6391%08d", n % 2_000_000));
        EmailAddress email = n % 5 >= 3 ? new EmailAddress("borrower" + (n % 500_000) + "@example.com") : null;
        return new Event("loan-" + (n / 7) + "-" + type.code() + "-" + n, INSTITUTION, type, phone, email,
                T.minusSeconds(60L * n), T, n % 4 == 0 ? null : BigDecimal.valueOf(10_000L + n * 37L, 2),
                overdue ? n % 90 : null, overdue ? n % 2 == 0 : null);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void appendsAHundredThousandEventsInBatchesOfFiveThousandAndReplaysThem(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var journal = new JooqEventJournal(db.database());
            List<List<Event>> batches = new ArrayList<>();
            for (int from = 0; from < EVENTS; from += BATCH) {
                List<Event> batch = new ArrayList<>(BATCH);
                for (int n = from; n < from + BATCH; n++) {
                    batch.add(event(n));
                }
                batches.add(batch);
            }

            long appendStarted = System.nanoTime();
            long stored = 0;
            for (List<Event> batch : batches) {
                stored += journal.append(INSTITUTION, batch).outcomes().stream().filter(outcome -> outcome == Appended.NEW).count();
            }
            long appendNanos = System.nanoTime() - appendStarted;

            AtomicLong replayed = new AtomicLong();
            long replayStarted = System.nanoTime();
            new JooqJournalFeed(db.database()).readSince(JournalPosition.START, REPLAY_BATCH, page -> replayed.addAndGet(page.size()));
            long replayNanos = System.nanoTime() - replayStarted;

            System.out.printf("Event journal on %s: appended %,d events in batches of %,d in %,d ms (%,d events/s); "
                            + "replayed them in pages of %,d in %,d ms (%,d events/s)%n",
                    kind, EVENTS, BATCH, appendNanos / 1_000_000, rate(EVENTS, appendNanos),
                    REPLAY_BATCH, replayNanos / 1_000_000, rate(EVENTS, replayNanos));
            assertThat(stored).isEqualTo(EVENTS);
            assertThat(db.dsl().fetchCount(EVENT)).isEqualTo(EVENTS);
            assertThat(replayed).hasValue(EVENTS);
        }
    }

    private static long rate(long events, long nanos) {
        return events * 1_000_000_000L / Math.max(1, nanos);
    }
}

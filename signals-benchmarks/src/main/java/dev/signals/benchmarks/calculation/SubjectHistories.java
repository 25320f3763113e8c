package dev.signals.benchmarks.calculation;

import dev.signals.adapter.eventsource.inmemory.InMemoryEventIndex;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.SubjectKeys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A subject's realistic history inside a realistic index: its events are reported by a handful of
 * lenders (a few large ones report most), are of every type in the proportions of a loan's life
 * (the generator's weights), carry amounts, overdue days and automatic repayments where the type
 * does, are spread over the year before {@code asOf}, and are mostly reported within hours, some
 * days later, a few only after {@code asOf} (so the calculation must skip them). They are
 * interleaved in the real {@link InMemoryEventIndex} with many times more events of other
 * subjects, so that the subject's events lie far apart in memory, as they do in a large store.
 */
final class SubjectHistories {

    /** The subject whose history is calculated. */
    static final PhoneNumber SUBJECT = new PhoneNumber("+639170000001");

    /** Events of other subjects appended between two of the subject's, on average. */
    static final int OTHERS_PER_SUBJECT_EVENT = 20;

    private static final EventType[] TYPES = EventType.values();
    /** Relative frequency of each type, in {@link EventType} order (as in SyntheticEvents). */
    private static final int[] WEIGHTS = {10, 12, 8, 4, 8, 14, 16, 8, 3, 6, 3, 4, 2, 2};
    private static final int LENDERS = 40;
    private static final int OTHER_SUBJECTS = 5_000;
    private static final long YEAR_SECONDS = Duration.ofDays(365).toSeconds();

    private final SplittableRandom random;
    private final Instant asOf;
    private final List<PhoneNumber> others = new ArrayList<>(OTHER_SUBJECTS);
    private long sequence;

    SubjectHistories(Instant asOf, long seed) {
        this.asOf = asOf.truncatedTo(ChronoUnit.MICROS);
        this.random = new SplittableRandom(seed);
        for (int n = 0; n < OTHER_SUBJECTS; n++) {
            others.add(new PhoneNumber(String.format("+639180%06d", n)));
        }
    }

    /**
     * The subject's {@code subjectEvents} events (in the order they were added) and the index holding
     * them among {@link #OTHERS_PER_SUBJECT_EVENT} times as many events of other subjects.
     */
    Fixture fixture(int subjectEvents) {
        InMemoryEventIndex index = new InMemoryEventIndex();
        List<Event> subjectHistory = new ArrayList<>(subjectEvents);
        List<Event> batch = new ArrayList<>(10_000);
        for (int i = 0; i < subjectEvents; i++) {
            for (int k = 0; k < OTHERS_PER_SUBJECT_EVENT; k++) {
                batch.add(event(others.get(random.nextInt(OTHER_SUBJECTS))));
            }
            Event event = event(SUBJECT);
            subjectHistory.add(event);
            batch.add(event);
            if (batch.size() >= 10_000) {
                index.addAll(batch);
                batch.clear();
            }
        }
        index.addAll(batch);
        return new Fixture(index, SubjectKeys.phoneKey(SUBJECT), List.copyOf(subjectHistory));
    }

    /** The index, the subject's lookup key in it, and the subject's events. */
    record Fixture(InMemoryEventIndex index, String subjectKey, List<Event> subjectEvents) {
    }

    private Event event(PhoneNumber phone) {
        EventType type = type();
        String lender = String.format("lender-%04d", skewed(LENDERS, 1.8));
        Instant occurredAt = asOf.minusSeconds(random.nextLong(YEAR_SECONDS)).minusNanos(1_000L * random.nextInt(1_000_000));
        Instant reportedAt = switch (random.nextInt(20)) {
            case 0 -> occurredAt.plus(Duration.ofDays(1 + random.nextInt(30)));  // reported late, maybe after asOf
            case 1 -> occurredAt.minusSeconds(random.nextInt(3_600));              // reported ahead (scheduled)
            default -> occurredAt.plusSeconds(random.nextInt(6 * 3_600));
        };
        BigDecimal amount = null;
        Integer overdueDays = null;
        Boolean autoRepayment = null;
        switch (type) {
            case LOAN_DISBURSEMENT -> amount = money(1_000, 100_000, 0);
            case REPAYMENT_REMINDER, SUCCESSFUL_REPAYMENT -> amount = money(100, 20_000, 2);
            case OVERDUE -> {
                amount = random.nextInt(10) == 0 ? null : money(100, 50_000, 2);
                overdueDays = random.nextInt(10) == 0 ? null : 1 + random.nextInt(180);
                autoRepayment = random.nextInt(4) == 0;
            }
            case DEBT -> amount = money(500, 80_000, 2);
            default -> {
            }
        }
        sequence++;
        return new Event("bench-" + Long.toString(sequence, 36), new InstitutionId(lender), type, phone, null,
                occurredAt, reportedAt, amount, overdueDays, autoRepayment);
    }

    /** An index in [0, n): small indexes far more often than large ones. */
    private int skewed(int n, double exponent) {
        return Math.min(n - 1, (int) (n * Math.pow(random.nextDouble(), exponent)));
    }

    private EventType type() {
        int total = 0;
        for (int weight : WEIGHTS) {
            total += weight;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < WEIGHTS.length; i++) {
            pick -= WEIGHTS[i];
            if (pick < 0) {
                return TYPES[i];
            }
        }
        throw new IllegalStateException("weights cover every pick");
    }

    private BigDecimal money(int min, int max, int scale) {
        return BigDecimal.valueOf(min + random.nextDouble() * (max - min)).setScale(scale, RoundingMode.HALF_UP);
    }
}

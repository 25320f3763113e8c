package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random event histories of one subject for property tests, biased towards the edges of
 * CONTRACT §3.2: events exactly on and next to the window bounds, at {@code asOf} and just after
 * it, shared timestamps, {@code reportedAt} before {@code occurredAt} or after {@code asOf}, ties
 * for an institution's latest balance, amounts of 0, .49, .50 and up to 13 digits, and
 * {@code asOf} with and without sub-microsecond digits.
 */
public final class RandomHistories {

    /** One subject's events and the instant to calculate at. */
    public record Scenario(List<Event> events, Instant asOf) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("asOf=" + asOf + ", " + events.size() + " events:");
            for (Event e : events) {
                text.append("\n  ").append(e.type()).append(' ').append(e.institutionId()).append('/')
                        .append(e.eventId()).append(" occurred=").append(e.occurredAt())
                        .append(" reported=").append(e.reportedAt()).append(" amount=").append(e.amount())
                        .append(" overdueDays=").append(e.overdueDays()).append(" auto=").append(e.autoRepayment());
            }
            return text.toString();
        }
    }

    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    private static final long DAY = Micros.DAY;
    private static final long EARLIEST_AS_OF = Micros.of(Instant.parse("2023-01-01T00:00:00Z"));
    private static final long LATEST_AS_OF = Micros.of(Instant.parse("2026-01-01T00:00:00Z"));

    private enum Reporting { WHEN_OCCURRED, LATER, EARLIER, AT_AS_OF, JUST_AFTER_AS_OF, AFTER_AS_OF }

    private RandomHistories() {
    }

    /** Histories of up to 40 events of every type, with every edge mixed in. */
    public static Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Draft>> drafts = drafts(types(), institutions(), ages(), Arbitraries.of(Reporting.class))
                .list().ofMaxSize(40);
        return Combinators.combine(asOfs(), drafts).as(RandomHistories::scenario);
    }

    /**
     * Histories of up to 80 events spread over 40 institutions, for per-institution state that
     * must grow beyond a handful of institutions.
     */
    public static Arbitrary<Scenario> manyInstitutionScenarios() {
        Arbitrary<String> institutions = Arbitraries.integers().between(0, 39).map(i -> "inst-" + i);
        Arbitrary<List<Draft>> drafts = drafts(types(), institutions, ages(), Arbitraries.of(Reporting.class))
                .list().ofMinSize(10).ofMaxSize(80);
        return Combinators.combine(asOfs(), drafts).as(RandomHistories::scenario);
    }

    /**
     * Crowded histories: overdue and debt events of two institutions at a handful of instants, so
     * that ties for the latest balance are the rule rather than the exception.
     */
    public static Arbitrary<Scenario> crowdedBalanceScenarios() {
        Arbitrary<Long> fewAges = Arbitraries.of(0L, DAY, 30 * DAY, 30 * DAY - 1, 45 * DAY, 90 * DAY, 179 * DAY);
        Arbitrary<Reporting> mostlyWhenOccurred = Arbitraries.frequency(
                Tuple.of(6, Reporting.WHEN_OCCURRED), Tuple.of(2, Reporting.AT_AS_OF), Tuple.of(1, Reporting.LATER),
                Tuple.of(1, Reporting.EARLIER), Tuple.of(1, Reporting.JUST_AFTER_AS_OF));
        Arbitrary<List<Draft>> drafts = drafts(Arbitraries.of(EventType.OVERDUE, EventType.DEBT),
                Arbitraries.of("inst-a", "inst-b"), fewAges, mostlyWhenOccurred)
                .list().ofMinSize(1).ofMaxSize(25);
        return Combinators.combine(asOfs(), drafts).as(RandomHistories::scenario);
    }

    /** Instants in 2023–2025 to the microsecond, a fifth of them with extra nanoseconds. */
    public static Arbitrary<Instant> asOfs() {
        Arbitrary<Long> micros = Arbitraries.longs().between(EARLIEST_AS_OF, LATEST_AS_OF);
        Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 999)));
        return Combinators.combine(micros, nanos).as((m, n) -> Micros.toInstant(m).plusNanos(n));
    }

    private static Arbitrary<EventType> types() {
        return Arbitraries.frequency(
                Tuple.of(4, EventType.OVERDUE), Tuple.of(4, EventType.DEBT),
                Tuple.of(2, EventType.LOAN_DISBURSEMENT), Tuple.of(2, EventType.REPAYMENT_REMINDER),
                Tuple.of(2, EventType.SUCCESSFUL_REPAYMENT),
                Tuple.of(1, EventType.MARKETING), Tuple.of(1, EventType.APPLICATION_RECEPTION),
                Tuple.of(1, EventType.APPLICATION_APPROVAL), Tuple.of(1, EventType.APPLICATION_REJECTION),
                Tuple.of(1, EventType.CAPTCHA), Tuple.of(1, EventType.LENDING), Tuple.of(1, EventType.PRELOAN),
                Tuple.of(1, EventType.ARBITRARY), Tuple.of(1, EventType.OTHER));
    }

    private static Arbitrary<String> institutions() {
        return Arbitraries.of("inst-a", "inst-b", "inst-c", "inst-d");
    }

    /** How long before asOf (floored to the microsecond) an event occurred; negative is after. */
    private static Arbitrary<Long> ages() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(0L, 1L, -1L, DAY - 1, DAY, 30 * DAY - 1, 30 * DAY, 30 * DAY + 1,
                        90 * DAY - 1, 90 * DAY, 90 * DAY + 1, 180 * DAY - 1, 180 * DAY, 180 * DAY + 1)),
                Tuple.of(3, Arbitraries.of(5 * DAY, 5 * DAY + 1, 45 * DAY, 100 * DAY, 200 * DAY)),
                Tuple.of(4, Arbitraries.longs().between(-3 * DAY, 400 * DAY)));
    }

    /** When an event occurred (how long before asOf) and how its reportedAt is chosen. */
    private record Timing(long age, Reporting reporting, long delay) {

        long occurredAt(long asOf) {
            return asOf - age;
        }

        long reportedAt(long asOf) {
            long occurred = occurredAt(asOf);
            return switch (reporting) {
                case WHEN_OCCURRED -> occurred;
                case LATER -> occurred + delay;
                case EARLIER -> occurred - delay;
                case AT_AS_OF -> asOf;
                case JUST_AFTER_AS_OF -> asOf + 1;
                case AFTER_AS_OF -> asOf + delay;
            };
        }
    }

    private record Draft(EventType type, String institution, Timing timing, Long amountCents,
                         Integer overdueDays, Boolean autoRepayment, String eventId) {
    }

    private static Arbitrary<Draft> drafts(Arbitrary<EventType> types, Arbitrary<String> institutions,
                                           Arbitrary<Long> ages, Arbitrary<Reporting> reportings) {
        Arbitrary<Timing> timings = Combinators.combine(ages, reportings, Arbitraries.longs().between(1, 20 * DAY))
                .as(Timing::new);
        Arbitrary<Long> cents = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(0L, 1L, 49L, 50L, 51L, 99L, 100L, 150L, 250L, 152_050L)),
                Tuple.of(4, Arbitraries.longs().between(0, 10_000_000)),
                Tuple.of(1, Arbitraries.longs().between(0, 999_999_999_999_999L))).injectNull(0.3);
        Arbitrary<Integer> overdueDays = Arbitraries.integers().between(0, 400).injectNull(0.3);
        Arbitrary<Boolean> autoRepayment = Arbitraries.of(true, false).injectNull(0.3);
        Arbitrary<String> eventIds = Arbitraries.of("a", "b", "B", "ab", "a0", "\u00e9", "\uff21", "\ud835\udd38");
        return Combinators.combine(types, institutions, timings, cents, overdueDays, autoRepayment, eventIds)
                .as(Draft::new);
    }

    /** Builds the events, keeping overdue fields on OVERDUE events only and ids unique per institution. */
    private static Scenario scenario(Instant asOf, List<Draft> drafts) {
        long asOfMicros = Micros.of(asOf);
        List<Event> events = new ArrayList<>(drafts.size());
        Set<String> identities = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            String eventId = identities.add(d.institution() + "/" + d.eventId()) ? d.eventId() : d.eventId() + "-" + i;
            identities.add(d.institution() + "/" + eventId);
            boolean overdue = d.type() == EventType.OVERDUE;
            events.add(new Event(eventId, new InstitutionId(d.institution()), d.type(), PHONE, null,
                    Micros.toInstant(d.timing().occurredAt(asOfMicros)),
                    Micros.toInstant(d.timing().reportedAt(asOfMicros)),
                    d.amountCents() == null ? null : BigDecimal.valueOf(d.amountCents(), 2),
                    overdue ? d.overdueDays() : null, overdue ? d.autoRepayment() : null));
        }
        return new Scenario(List.copyOf(events), asOf);
    }
}

package dev.signals.domain.calculation;

import static dev.signals.domain.catalogue.EventType.DEBT;
import static dev.signals.domain.catalogue.EventType.LENDING;
import static dev.signals.domain.catalogue.EventType.LOAN_DISBURSEMENT;
import static dev.signals.domain.catalogue.EventType.MARKETING;
import static dev.signals.domain.catalogue.EventType.OVERDUE;
import static dev.signals.domain.catalogue.EventType.SUCCESSFUL_REPAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Metric;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.EventBuilder;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule of CONTRACT §3.2. */
class SignalCalculatorTest {

    private static final Instant AS_OF = Instant.parse("2024-08-09T00:00:00Z");
    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();

    private final SignalCalculator calculator = new SignalCalculator();

    private static Instant daysBefore(double days) {
        return AS_OF.minus(Duration.ofSeconds(Math.round(days * 86_400)));
    }

    private static EventBuilder event(EventType type, String id, Instant occurredAt) {
        return EventBuilder.an(type).id(id).occurredAt(occurredAt);
    }

    private CalculationResult calculate(Instant asOf, List<Event> events) {
        return calculator.calculate(EventHistory.of(events), asOf, CATALOGUE.allSignals());
    }

    private Long value(String signal, Event... events) {
        return calculate(AS_OF, List.of(events)).valueOf(CATALOGUE.byName(signal));
    }

    // Known at T: occurredAt <= T and reportedAt <= T.

    @Test
    void anEventReportedAfterAsOfIsInvisible() {
        Event reportedLater = event(MARKETING, "m1", daysBefore(1)).reportedAt(AS_OF.plusNanos(1_000)).build();

        assertThat(value("events_marketing_day30", reportedLater)).isZero();
        assertThat(value("events_marketing_days_since_last", reportedLater)).isNull();
        assertThat(calculate(AS_OF, List.of(reportedLater)).hasData()).isFalse();
    }

    @Test
    void anEventReportedExactlyAtAsOfIsKnown() {
        Event reportedAtAsOf = event(MARKETING, "m1", daysBefore(1)).reportedAt(AS_OF).build();

        assertThat(value("events_marketing_day30", reportedAtAsOf)).isEqualTo(1);
    }

    @Test
    void anEventOccurringAfterAsOfIsInvisibleEvenIfReportedBefore() {
        Event future = event(MARKETING, "m1", AS_OF.plusNanos(1_000)).reportedAt(daysBefore(1)).build();

        assertThat(value("events_marketing_day30", future)).isZero();
        assertThat(calculate(AS_OF, List.of(future)).hasData()).isFalse();
    }

    @Test
    void aBackFilledEventReportedBeforeItOccurredIsKnownOnceItOccurred() {
        Event backFilled = event(MARKETING, "m1", daysBefore(1)).reportedAt(daysBefore(3)).build();

        assertThat(value("events_marketing_day30", backFilled)).isEqualTo(1);
    }

    // The window of N days: T - N*24h < occurredAt <= T.

    @Test
    void anEventExactly30DaysBeforeAsOfIsOutsideThe30DayWindow() {
        Event onTheBound = event(MARKETING, "m1", AS_OF.minus(Duration.ofDays(30))).build();

        assertThat(value("events_marketing_day30", onTheBound)).isZero();
        assertThat(value("events_marketing_day90", onTheBound)).isEqualTo(1);
    }

    @Test
    void anEventAMillisecondOrAMicrosecondAfterThe30DayBoundIsInside() {
        Event aMillisecondLater = event(MARKETING, "m1", AS_OF.minus(Duration.ofDays(30)).plusMillis(1)).build();
        Event aMicrosecondLater = event(MARKETING, "m2", AS_OF.minus(Duration.ofDays(30)).plusNanos(1_000)).build();

        assertThat(value("events_marketing_day30", aMillisecondLater)).isEqualTo(1);
        assertThat(value("events_marketing_day30", aMicrosecondLater)).isEqualTo(1);
    }

    @Test
    void the90And180DayWindowsAreHalfOpenToo() {
        Event on90 = event(MARKETING, "m1", AS_OF.minus(Duration.ofDays(90))).build();
        Event on180 = event(MARKETING, "m2", AS_OF.minus(Duration.ofDays(180))).build();
        Event justInside180 = event(MARKETING, "m3", AS_OF.minus(Duration.ofDays(180)).plusNanos(1_000)).build();

        assertThat(value("events_marketing_day90", on90, on180, justInside180)).isZero();
        assertThat(value("events_marketing_day180", on90, on180, justInside180)).isEqualTo(2);
    }

    @Test
    void anEventAtAsOfIsInsideEveryWindow() {
        Event now = event(MARKETING, "m1", AS_OF).build();

        assertThat(value("events_marketing_day30", now)).isEqualTo(1);
        assertThat(value("events_marketing_days_since_last", now)).isZero();
    }

    @Test
    void onlyEventsOfTheSignalsTypeCount() {
        Event disbursement = event(LOAN_DISBURSEMENT, "l1", daysBefore(1)).amount("100").build();

        assertThat(value("events_loan_disbursement_day30", disbursement)).isEqualTo(1);
        assertThat(value("events_successful_repayment_day30", disbursement)).isZero();
        assertThat(value("events_successful_repayment_day30_amount", disbursement)).isNull();
    }

    // count

    @Test
    void countIsTheNumberOfEventsInTheWindowAndZeroWhenNone() {
        assertThat(value("events_loan_disbursement_day30",
                event(LOAN_DISBURSEMENT, "l1", daysBefore(1)).build(),
                event(LOAN_DISBURSEMENT, "l2", daysBefore(1)).build(),
                event(LOAN_DISBURSEMENT, "l3", daysBefore(31)).build())).isEqualTo(2);
        assertThat(value("events_loan_disbursement_day30")).isZero();
    }

    // institution count

    @Test
    void institutionCountCountsDistinctInstitutions() {
        Event[] events = {
                event(LOAN_DISBURSEMENT, "l1", daysBefore(1)).institution("a").build(),
                event(LOAN_DISBURSEMENT, "l2", daysBefore(2)).institution("a").build(),
                event(LOAN_DISBURSEMENT, "l3", daysBefore(3)).institution("b").build(),
                event(LOAN_DISBURSEMENT, "l4", daysBefore(40)).institution("c").build(),
                event(MARKETING, "m1", daysBefore(1)).institution("d").build()};

        assertThat(value("events_loan_disbursement_day30_institution_count", events)).isEqualTo(2);
        assertThat(value("events_loan_disbursement_day90_institution_count", events)).isEqualTo(3);
        assertThat(value("events_overdue_day30_institution_count", events)).isZero();
    }

    @Test
    void institutionCountCountsDistinctInstitutionsAmongMany() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(event(OVERDUE, "o" + i, daysBefore(i % 50)).institution("inst-" + (i % 37)).amount("1").build());
        }

        CalculationResult result = calculate(AS_OF, events);

        assertThat(result.valueOf(CATALOGUE.byName("events_overdue_day90_institution_count"))).isEqualTo(37);
        assertThat(result.valueOf(CATALOGUE.byName("events_overdue_day90_amount"))).isEqualTo(37);
        assertThat(result.valueOf(CATALOGUE.byName("events_overdue_day90"))).isEqualTo(100);
    }

    @Test
    void institutionsMayBeNumberedInsideAndOutsideZeroTo63InOneHistory() {
        List<Event> events = new ArrayList<>();
        String[] institutions = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < 40; i++) {
            String institution = institutions[i % institutions.length];
            EventType type = i % 4 == 0 ? DEBT : i % 4 == 1 ? OVERDUE : i % 4 == 2 ? MARKETING : LOAN_DISBURSEMENT;
            events.add(event(type, "e" + i, daysBefore(i * 5 + 0.5)).institution(institution)
                    .amount(String.valueOf(100 + i)).build());
        }
        EventHistory plain = EventHistory.of(events);
        EventHistory renumbered = new NumberedInstitutions(plain, new int[] {63, 64, -1, 0, Integer.MIN_VALUE});

        CalculationResult result = calculator.calculate(renumbered, AS_OF, CATALOGUE.allSignals());

        assertThat(result).isEqualTo(calculator.calculate(plain, AS_OF, CATALOGUE.allSignals()));
        for (SignalValue value : result.values()) {
            assertThat(value.value()).as(value.signal().name())
                    .isEqualTo(ReferenceCalculator.value(events, AS_OF, value.signal()));
        }
    }

    /** A history whose institution n is numbered {@code numbers[n]}. */
    private record NumberedInstitutions(EventHistory history, int[] numbers) implements ForwardingHistory {

        @Override
        public int institution(int i) {
            return numbers[history.institution(i)];
        }
    }

    // amount of flows

    @Test
    void flowAmountSumsEveryAmountInTheWindow() {
        Event[] events = {
                event(LOAN_DISBURSEMENT, "l1", daysBefore(1)).institution("a").amount("1000.25").build(),
                event(LOAN_DISBURSEMENT, "l2", daysBefore(2)).institution("a").amount("500").build(),
                event(LOAN_DISBURSEMENT, "l3", daysBefore(3)).institution("b").build(),
                event(LOAN_DISBURSEMENT, "l4", daysBefore(40)).institution("b").amount("7").build()};

        assertThat(value("events_loan_disbursement_day30_amount", events)).isEqualTo(1500);
        assertThat(value("events_loan_disbursement_day90_amount", events)).isEqualTo(1507);
    }

    @Test
    void flowAmountIsNullWhenNoEventInTheWindowCarriesOneAndZeroForZeroAmounts() {
        assertThat(value("events_successful_repayment_day30_amount",
                event(SUCCESSFUL_REPAYMENT, "s1", daysBefore(1)).build())).isNull();
        assertThat(value("events_successful_repayment_day30_amount",
                event(SUCCESSFUL_REPAYMENT, "s1", daysBefore(1)).amount("0").build())).isZero();
        assertThat(value("events_successful_repayment_day30_amount",
                event(SUCCESSFUL_REPAYMENT, "s1", daysBefore(31)).amount("5").build())).isNull();
    }

    // amount of balances

    @Test
    void overdueAmountTakesLatestBalancePerInstitution() {
        Event older = event(OVERDUE, "o1", daysBefore(10)).institution("a").amount("1000").build();
        Event later = event(OVERDUE, "o2", daysBefore(5)).institution("a").amount("1200").build();

        assertThat(value("events_overdue_day30_amount", older, later)).isEqualTo(1200);
        assertThat(value("events_overdue_day30_amount", later, older)).isEqualTo(1200);
    }

    @Test
    void debtAmountSumsTheLatestBalanceOfEachInstitution() {
        Event[] events = {
                event(DEBT, "d1", daysBefore(10)).institution("a").amount("1000").build(),
                event(DEBT, "d2", daysBefore(5)).institution("a").amount("800").build(),
                event(DEBT, "d3", daysBefore(20)).institution("b").amount("300").build(),
                event(DEBT, "d4", daysBefore(3)).institution("c").build()};

        assertThat(value("events_debt_day30_amount", events)).isEqualTo(1100);
    }

    @Test
    void latestBalanceIsLatestByOccurredAtThenReportedAtThenEventId() {
        Instant sameTime = daysBefore(5);
        Event reportedEarlier = event(OVERDUE, "z", sameTime).amount("100").reportedAt(daysBefore(4)).build();
        Event reportedLater = event(OVERDUE, "a", sameTime).amount("200").reportedAt(daysBefore(3)).build();
        Event sameReportSmallerId = event(OVERDUE, "b1", sameTime).amount("300").reportedAt(daysBefore(2)).build();
        Event sameReportLargerId = event(OVERDUE, "b2", sameTime).amount("400").reportedAt(daysBefore(2)).build();

        assertThat(value("events_overdue_day30_amount", reportedLater, reportedEarlier)).isEqualTo(200);
        assertThat(value("events_overdue_day30_amount", sameReportLargerId, sameReportSmallerId, reportedLater))
                .isEqualTo(400);
        assertThat(value("events_overdue_day30_amount", sameReportSmallerId, sameReportLargerId)).isEqualTo(400);
    }

    @Test
    void eventIdsAreComparedByUnicodeCodePoints() {
        Instant sameTime = daysBefore(5);
        Event fullwidthA = event(DEBT, "\uff21", sameTime).amount("100").build();
        Event mathematicalA = event(DEBT, "\ud835\udd38", sameTime).amount("200").build();

        assertThat(value("events_debt_day30_amount", fullwidthA, mathematicalA)).isEqualTo(200);
        assertThat(value("events_debt_day30_amount", mathematicalA, fullwidthA)).isEqualTo(200);
    }

    @Test
    void latestBalanceIsTheLatestEventThatCarriesAnAmount() {
        Event withAmount = event(OVERDUE, "o1", daysBefore(10)).amount("1000").build();
        Event laterWithoutAmount = event(OVERDUE, "o2", daysBefore(5)).overdueDays(3).build();

        assertThat(value("events_overdue_day30_amount", withAmount, laterWithoutAmount)).isEqualTo(1000);
        assertThat(value("events_overdue_day30_amount", laterWithoutAmount)).isNull();
    }

    @Test
    void latestBalanceIsTakenWithinTheWindow() {
        Event recent = event(DEBT, "d1", daysBefore(10)).amount("100").build();
        Event old = event(DEBT, "d2", daysBefore(50)).amount("500").build();
        Event otherInstitutionOld = event(DEBT, "d3", daysBefore(50)).institution("b").amount("70").build();

        assertThat(value("events_debt_day30_amount", recent, old, otherInstitutionOld)).isEqualTo(100);
        assertThat(value("events_debt_day90_amount", recent, old, otherInstitutionOld)).isEqualTo(170);
        assertThat(value("events_debt_day30_amount", old, otherInstitutionOld)).isNull();
    }

    @Test
    void aBalanceReportedAfterAsOfDoesNotReplaceTheKnownOne() {
        Event known = event(DEBT, "d1", daysBefore(10)).amount("100").build();
        Event notYetReported = event(DEBT, "d2", daysBefore(5)).amount("900").reportedAt(AS_OF.plusSeconds(1)).build();

        assertThat(value("events_debt_day30_amount", known, notYetReported)).isEqualTo(100);
    }

    // rounding

    @Test
    void amountsAreRoundedHalfUpOnceAtTheEnd() {
        assertThat(value("events_loan_disbursement_day30_amount",
                event(LOAN_DISBURSEMENT, "l1", daysBefore(1)).amount("0.5").build())).isEqualTo(1);
        assertThat(value("events_loan_disbursement_day30_amount",
                event(LOAN_DISBURSEMENT, "l1", daysBefore(1)).amount("0.49").build())).isZero();
        assertThat(value("events_loan_disbursement_day30_amount",
                event(LOAN_DISBURSEMENT, "l1", daysBefore(1)).amount("0.25").build(),
                event(LOAN_DISBURSEMENT, "l2", daysBefore(1)).amount("0.25").build())).isEqualTo(1);
        assertThat(value("events_overdue_day30_amount",
                event(OVERDUE, "o1", daysBefore(1)).institution("a").amount("1520.25").build(),
                event(OVERDUE, "o2", daysBefore(1)).institution("b").amount("0.24").build())).isEqualTo(1520);
        assertThat(value("events_overdue_day30_amount",
                event(OVERDUE, "o1", daysBefore(1)).institution("a").amount("1520.25").build(),
                event(OVERDUE, "o2", daysBefore(1)).institution("b").amount("0.25").build())).isEqualTo(1521);
    }

    @Test
    void amountsSumExactlyAtTheLargestAmounts() {
        Event[] events = new Event[1000];
        for (int i = 0; i < events.length; i++) {
            events[i] = event(LOAN_DISBURSEMENT, "l" + i, daysBefore(1)).amount("9999999999999.99").build();
        }

        assertThat(value("events_loan_disbursement_day30_amount", events)).isEqualTo(10_000_000_000_000L * 1000 - 10);
    }

    // Amounts of a history that does not come from validated events (EventHistory is an interface):
    // sums of cents beyond a long still add up exactly; sums of whole units beyond a long fail, and
    // only the signals that ask for them.

    @Test
    void flowAmountsWhoseCentsOverflowALongStillSumExactly() {
        long cents = Long.MAX_VALUE - 1;
        EventHistory history = new FixedAmounts(EventHistory.of(List.of(
                event(LOAN_DISBURSEMENT, "l1", daysBefore(1)).amount("1").build(),
                event(LOAN_DISBURSEMENT, "l2", daysBefore(2)).amount("1").build(),
                event(LOAN_DISBURSEMENT, "l3", daysBefore(3)).amount("1").build())), cents);

        Long value = calculator.calculate(history, AS_OF, CATALOGUE.allSignals())
                .valueOf(CATALOGUE.byName("events_loan_disbursement_day30_amount"));

        assertThat(BigInteger.valueOf(value)).isEqualTo(BigInteger.valueOf(cents).multiply(BigInteger.valueOf(3))
                .add(BigInteger.valueOf(50)).divide(BigInteger.valueOf(100)));
    }

    @Test
    void aFlowAmountBeyondALongOfUnitsFailsOnlyTheSignalsThatAskForIt() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            events.add(event(LOAN_DISBURSEMENT, "l" + i, daysBefore(1)).amount("1").build());
        }
        events.add(event(LOAN_DISBURSEMENT, "old", daysBefore(100)).amount("1").build());
        EventHistory history = new FixedAmounts(EventHistory.of(events), Long.MAX_VALUE);
        Signal count = CATALOGUE.byName("events_loan_disbursement_day30");
        Signal amount = CATALOGUE.byName("events_loan_disbursement_day90_amount");

        assertThat(calculator.calculate(history, AS_OF, SignalSelection.of(List.of(count))).valueOf(count))
                .isEqualTo(101);
        assertThatThrownBy(
                        () -> calculator.calculate(history, AS_OF, SignalSelection.of(List.of(count, amount))))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void balanceAmountsBeyondALongOfUnitsFailOnlyTheSignalsThatAskForThem() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            events.add(event(DEBT, "d" + i, daysBefore(1)).institution("inst-" + i).amount("1").build());
        }
        EventHistory history = new FixedAmounts(EventHistory.of(events), Long.MAX_VALUE);
        Signal overdue = CATALOGUE.byName("events_overdue_day30_amount");
        Signal debt = CATALOGUE.byName("events_debt_day30_amount");

        assertThat(calculator.calculate(history, AS_OF, SignalSelection.of(List.of(overdue))).valueOf(overdue)).isNull();
        assertThatThrownBy(
                        () -> calculator.calculate(history, AS_OF, SignalSelection.of(List.of(debt))))
                .isInstanceOf(ArithmeticException.class);
    }

    /** A history whose every amount is {@code cents}. */
    private record FixedAmounts(EventHistory history, long cents) implements ForwardingHistory {

        @Override
        public long amountCents(int i) {
            return cents;
        }
    }

    // overdue days

    @Test
    void overdueDaysIsTheLargestOverdueDaysInTheWindow() {
        Event[] events = {
                event(OVERDUE, "o1", daysBefore(1)).overdueDays(5).build(),
                event(OVERDUE, "o2", daysBefore(2)).overdueDays(12).build(),
                event(OVERDUE, "o3", daysBefore(3)).build(),
                event(OVERDUE, "o4", daysBefore(40)).overdueDays(60).build()};

        assertThat(value("events_overdue_day30_days", events)).isEqualTo(12);
        assertThat(value("events_overdue_day90_days", events)).isEqualTo(60);
    }

    @Test
    void overdueDaysIsNullWhenNoOverdueEventInTheWindowCarriesThem() {
        assertThat(value("events_overdue_day30_days", event(OVERDUE, "o1", daysBefore(1)).build())).isNull();
        assertThat(value("events_overdue_day30_days")).isNull();
        assertThat(value("events_overdue_day30_days", event(OVERDUE, "o1", daysBefore(1)).overdueDays(0).build()))
                .isZero();
    }

    @Test
    void overdueAutorepaymentDaysConsidersOnlyEventsWithAutoRepayment() {
        Event[] events = {
                event(OVERDUE, "o1", daysBefore(1)).overdueDays(30).autoRepayment(false).build(),
                event(OVERDUE, "o2", daysBefore(2)).overdueDays(7).autoRepayment(true).build(),
                event(OVERDUE, "o3", daysBefore(3)).overdueDays(20).build()};

        assertThat(value("events_overdue_day30_autorepayment_days", events)).isEqualTo(7);
        assertThat(value("events_overdue_day30_autorepayment_days", events[0], events[2])).isNull();
    }

    // days since last

    @Test
    void daysSinceLastIsTheFloorOfWholeDaysSinceTheLatestKnownEvent() {
        Event oneDayAlmost = event(OVERDUE, "o1", AS_OF.minus(Duration.ofDays(1)).plusNanos(1_000)).build();
        Event exactlyTwoDays = event(OVERDUE, "o2", AS_OF.minus(Duration.ofDays(2))).build();

        assertThat(value("events_overdue_days_since_last", oneDayAlmost, exactlyTwoDays)).isZero();
        assertThat(value("events_overdue_days_since_last", exactlyTwoDays)).isEqualTo(2);
    }

    @Test
    void daysSinceLastLooksAtAnyDistanceInThePast() {
        Event longAgo = event(LOAN_DISBURSEMENT, "l1", AS_OF.minus(Duration.ofDays(1000)).plusSeconds(1)).build();

        assertThat(value("events_loan_disbursement_days_since_last", longAgo)).isEqualTo(999);
        assertThat(value("events_loan_disbursement_day180", longAgo)).isZero();
    }

    @Test
    void daysSinceLastIsNullWithoutAKnownEventOfTheType() {
        Event marketing = event(MARKETING, "m1", daysBefore(3)).build();
        Event notYetReported = event(OVERDUE, "o1", daysBefore(3)).reportedAt(AS_OF.plusSeconds(1)).build();

        assertThat(value("events_overdue_days_since_last", marketing, notYetReported)).isNull();
    }

    // NO_DATA versus SUCCESS

    @Test
    void hasDataWhenAnyEventOfTheSubjectIsKnownEvenOutsideTheWindowsAndSignals() {
        Event old = event(LENDING, "x1", daysBefore(400)).build();

        CalculationResult result = calculator.calculate(EventHistory.of(List.of(old)), AS_OF,
                CATALOGUE.defaultSelection());

        assertThat(result.hasData()).isTrue();
        assertThat(calculate(AS_OF, List.of()).hasData()).isFalse();
    }

    @Test
    void withoutEventsCountsAreZeroAndEverythingElseNullAsInTheSeedSample() {
        CalculationResult result = calculate(AS_OF, List.of());

        for (SignalValue value : result.values()) {
            Metric metric = value.signal().metric();
            if (metric == Metric.COUNT || metric == Metric.INSTITUTION_COUNT) {
                assertThat(value.value()).as(value.signal().name()).isZero();
            } else {
                assertThat(value.value()).as(value.signal().name()).isNull();
            }
        }
    }

    // the shape of the result

    @Test
    void valuesAreTheSelectionsSignalsInCatalogueOrder() {
        SignalSelection selection = CATALOGUE.select(List.of(
                "events_overdue_days_since_last", "events_debt_day90_amount", "events_marketing_day30"));

        CalculationResult result = calculator.calculate(EventHistory.empty(), AS_OF, selection);

        assertThat(result.values()).extracting(v -> v.signal().name()).containsExactly(
                "events_marketing_day30", "events_debt_day90_amount", "events_overdue_days_since_last");
        assertThat(result.covers(selection)).isTrue();
    }

    @Test
    void asOfIsExactBelowTheMicrosecond() {
        Event atBound = event(MARKETING, "m1", AS_OF.minus(Duration.ofDays(30))).build();
        Instant asOfPlusANanosecond = AS_OF.plusNanos(1);

        assertThat(calculate(asOfPlusANanosecond, List.of(atBound)).valueOf(CATALOGUE.byName("events_marketing_day30")))
                .isZero();
        assertThat(calculate(AS_OF.minusNanos(1), List.of(event(MARKETING, "m2", AS_OF).build())).hasData()).isFalse();
    }

    @Test
    void readsEachEventOnceWhateverTheNumberOfSignals() {
        List<Event> events = List.of(
                event(OVERDUE, "o1", daysBefore(1)).amount("10").overdueDays(3).autoRepayment(true).build(),
                event(OVERDUE, "o2", daysBefore(1)).amount("20").overdueDays(4).build(),
                event(DEBT, "d1", daysBefore(100)).amount("30").build(),
                event(LOAN_DISBURSEMENT, "l1", daysBefore(200)).amount("40").build());
        CountingHistory history = new CountingHistory(EventHistory.of(events));

        calculator.calculate(history, AS_OF, CATALOGUE.allSignals());

        assertThat(history.maxReadsOfOneEvent()).isEqualTo(1);
        for (Signal signal : CATALOGUE.all()) {
            CountingHistory single = new CountingHistory(EventHistory.of(events));
            calculator.calculate(single, AS_OF, SignalSelection.of(List.of(signal)));
            assertThat(single.maxReadsOfOneEvent()).isEqualTo(1);
        }
    }
}

package dev.signals.domain.calculation;

import static dev.signals.domain.catalogue.EventType.DEBT;
import static dev.signals.domain.catalogue.EventType.LOAN_DISBURSEMENT;
import static dev.signals.domain.catalogue.EventType.MARKETING;
import static dev.signals.domain.catalogue.EventType.OVERDUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.EventBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The events the rule says a value is made of (the values themselves are held to the naive reference
 * by {@link SignalCalculatorPropertyTest}).
 */
class SignalRuleTest {

    private static final Instant T = Instant.parse("2024-08-09T00:00:00Z");
    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();

    private static EventBuilder event(EventType type, String id, double daysBefore) {
        return EventBuilder.an(type).id(id).occurredAt(T.minus(Duration.ofSeconds(Math.round(daysBefore * 86_400))));
    }

    private static SignalRule rule(Event... events) {
        return new SignalRule(EventHistory.of(List.of(events)), T);
    }

    private static Signal signal(String name) {
        return CATALOGUE.byName(name);
    }

    @Test
    void theCountedEventsAreTheKnownEventsOfTheTypeInTheWindow() {
        SignalRule rule = rule(
                event(MARKETING, "in", 1).build(),
                event(MARKETING, "reported-after-T", 1).reportedAt(T.plusSeconds(1)).build(),
                event(MARKETING, "on-the-bound", 30).build(),
                event(LOAN_DISBURSEMENT, "other-type", 1).build(),
                event(MARKETING, "older", 100).build());

        assertThat(rule.countedEvents(signal("events_marketing_day30"))).containsExactly(0);
        assertThat(rule.countedEvents(signal("events_marketing_day180"))).containsExactly(0, 2, 4);
        assertThat(rule.countedEvents(signal("events_marketing_days_since_last"))).containsExactly(0, 2, 4);
        assertThat(rule.isKnown(1)).isFalse();
    }

    @Test
    void aFlowAmountIsMadeOfTheCountedEventsThatCarryOne() {
        SignalRule rule = rule(
                event(LOAN_DISBURSEMENT, "l1", 1).amount("10").build(),
                event(LOAN_DISBURSEMENT, "l2", 2).build(),
                event(LOAN_DISBURSEMENT, "l3", 3).amount("0").build());

        assertThat(rule.eventsOfValue(signal("events_loan_disbursement_day30_amount"))).containsExactly(0, 2);
        assertThat(rule.eventsOfValue(signal("events_loan_disbursement_day30"))).containsExactly(0, 1, 2);
        assertThat(rule.valueOf(signal("events_loan_disbursement_day30_amount"))).isEqualTo(10);
    }

    @Test
    void aBalanceAmountIsMadeOfEachInstitutionsLatestBalanceWithAnAmount() {
        SignalRule rule = rule(
                event(DEBT, "a-old", 10).institution("a").amount("100").build(),
                event(DEBT, "a-new", 5).institution("a").amount("200").build(),
                event(DEBT, "a-newest-without-amount", 1).institution("a").build(),
                event(DEBT, "b-only", 20).institution("b").amount("7").build());

        assertThat(rule.eventsOfValue(signal("events_debt_day30_amount"))).containsExactly(1, 3);
        assertThat(rule.valueOf(signal("events_debt_day30_amount"))).isEqualTo(207);
    }

    @Test
    void overdueDaysAreMadeOfTheOverdueEventsThatHaveThem() {
        SignalRule rule = rule(
                event(OVERDUE, "o1", 1).overdueDays(5).autoRepayment(true).build(),
                event(OVERDUE, "o2", 2).build(),
                event(OVERDUE, "o3", 3).overdueDays(12).build());

        assertThat(rule.eventsOfValue(signal("events_overdue_day30_days"))).containsExactly(0, 2);
        assertThat(rule.eventsOfValue(signal("events_overdue_day30_autorepayment_days"))).containsExactly(0);
        assertThat(rule.valueOf(signal("events_overdue_day30_days"))).isEqualTo(12);
    }

    @Test
    void daysSinceLastAreMadeOfTheEventsThatOccurredLastAndReadNoEventIds() {
        Event first = event(MARKETING, "m1", 2.5).build();
        Event sameInstant = event(MARKETING, "m2", 2.5).build();
        Event earlier = event(MARKETING, "m3", 40).build();
        EventHistory history = new BalanceIdsOnly(EventHistory.of(List.of(first, sameInstant, earlier)));
        SignalRule rule = new SignalRule(history, T);

        assertThat(rule.eventsOfValue(signal("events_marketing_days_since_last"))).containsExactly(0, 1);
        assertThat(rule.valueOf(signal("events_marketing_days_since_last"))).isEqualTo(2);
        assertThat(rule.eventsOfValue(signal("events_overdue_days_since_last"))).isEmpty();
        assertThat(rule.valueOf(signal("events_overdue_days_since_last"))).isNull();
    }

    @Test
    void withoutAKnownEventThereIsNoData() {
        assertThat(rule(event(MARKETING, "m1", -1).build()).hasData()).isFalse();
        assertThat(rule(event(MARKETING, "m1", 400).build()).hasData()).isTrue();
    }
}

package dev.signals.domain.calculation;

import static dev.signals.domain.catalogue.EventType.DEBT;
import static dev.signals.domain.catalogue.EventType.OVERDUE;
import static dev.signals.domain.catalogue.Window.DAYS_180;
import static dev.signals.domain.catalogue.Window.DAYS_30;
import static dev.signals.domain.catalogue.Window.DAYS_90;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.EventBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestBalancesTest {

    private static final Instant T = Instant.parse("2024-08-09T00:00:00Z");

    private final LatestBalances balances = new LatestBalances(100);
    private final AmountSums sums = new AmountSums();

    private static EventBuilder balance(EventType type, String id, String amount, int secondsBeforeT) {
        return EventBuilder.an(type).id(id).amount(amount).occurredAt(T.minusSeconds(secondsBeforeT))
                .reportedAt(T.minusSeconds(secondsBeforeT));
    }

    /** Offers every event of the history in order, institution n as number n, all in bucket 0. */
    private void offerAll(EventHistory history) {
        for (int i = 0; i < history.size(); i++) {
            balances.offer(history, i, history.institution(i), history.type(i).ordinal(), history.occurredAtMicros(i),
                    history.reportedAtMicros(i), history.amountCents(i), 0);
        }
        balances.addTo(sums);
    }

    private Long sum(EventType type) {
        return sums.roundedSum(type.ordinal(), DAYS_30);
    }

    @Test
    void theLatestByOccurredAtIsKeptWhateverTheOrder() {
        Event older = balance(OVERDUE, "o1", "1000", 20).build();
        Event later = balance(OVERDUE, "o2", "1200", 10).build();
        Event oldest = balance(OVERDUE, "o3", "900", 30).build();

        offerAll(EventHistory.of(List.of(older, later, oldest)));

        assertThat(sum(OVERDUE)).isEqualTo(1200);
    }

    @Test
    void onTheSameOccurredAtTheLaterReportedAtIsKept() {
        Event reportedLater = balance(DEBT, "a", "200", 10).reportedAt(T.minusSeconds(1)).build();
        Event reportedEarlier = balance(DEBT, "z", "100", 10).reportedAt(T.minusSeconds(5)).build();

        offerAll(EventHistory.of(List.of(reportedLater, reportedEarlier)));

        assertThat(sum(DEBT)).isEqualTo(200);
    }

    @Test
    void onTheSameInstantsTheLargerEventIdByCodePointsIsKept() {
        Event fullwidthA = balance(DEBT, "\uff21", "100", 10).build();
        Event mathematicalA = balance(DEBT, "\ud835\udd38", "200", 10).build();
        Event b2 = balance(OVERDUE, "b2", "400", 10).build();
        Event b1 = balance(OVERDUE, "b1", "300", 10).build();

        offerAll(EventHistory.of(List.of(mathematicalA, fullwidthA, b1, b2)));

        assertThat(sum(DEBT)).as("U+1D538 is after U+FF21, though its first UTF-16 unit is before").isEqualTo(200);
        assertThat(sum(OVERDUE)).isEqualTo(400);
    }

    @Test
    void eventIdsAreReadOnlyToBreakATieOfBothInstants() {
        EventHistory history = new WithoutEventIds(EventHistory.of(List.of(
                balance(OVERDUE, "o1", "1", 20).build(),
                balance(OVERDUE, "o2", "2", 10).build(),
                balance(OVERDUE, "o3", "3", 10).reportedAt(T).build())));

        offerAll(history);

        assertThat(sum(OVERDUE)).isEqualTo(3);
    }

    @Test
    void eachInstitutionAndBalanceTypeHasItsOwnLatestAndTheirSumIsTaken() {
        List<Event> events = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            events.add(balance(OVERDUE, "o" + n, "1", 100).institution("inst-" + n).build());
            events.add(balance(OVERDUE, "p" + n, "10", 50).institution("inst-" + n).build());
            events.add(balance(DEBT, "d" + n, "100", 10).institution("inst-" + n).build());
        }

        offerAll(EventHistory.of(events));

        assertThat(sum(OVERDUE)).isEqualTo(200);
        assertThat(sum(DEBT)).isEqualTo(2_000);
    }

    @Test
    void eachLatestBalanceCountsInTheWindowsThatHoldItsBucket() {
        EventHistory history = EventHistory.of(List.of(
                balance(DEBT, "d1", "1", 10).institution("a").build(),
                balance(DEBT, "d2", "10", 10).institution("b").build()));
        balances.offer(history, 0, 0, DEBT.ordinal(), 5, 5, 1_00, 0);
        balances.offer(history, 1, 1_000, DEBT.ordinal(), 5, 5, 10_00, 2);

        balances.addTo(sums);

        assertThat(sums.roundedSum(DEBT.ordinal(), DAYS_30)).isEqualTo(1);
        assertThat(sums.roundedSum(DEBT.ordinal(), DAYS_90)).isEqualTo(1);
        assertThat(sums.roundedSum(DEBT.ordinal(), DAYS_180)).isEqualTo(11);
    }

    @Test
    void institutionsBeyondTheRoomMadeAtTheStartAndNumberedFrom64GetRowsOfTheirOwn() {
        LatestBalances few = new LatestBalances(0);
        List<Event> events = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            events.add(balance(n % 2 == 0 ? OVERDUE : DEBT, "e" + n, String.valueOf(n), 100).build());
        }
        EventHistory history = EventHistory.of(events);
        for (int n = 0; n < 100; n++) {
            int institution = n % 3 == 0 ? 1_000 + n : n;
            few.offer(history, n, institution, history.type(n).ordinal(), 5, 5, history.amountCents(n), 0);
        }
        few.addTo(sums);

        assertThat(sum(OVERDUE)).isEqualTo(2_450);
        assertThat(sum(DEBT)).isEqualTo(2_500);
    }

    @Test
    void codePointOrderIsUnicodeOrderAndAPrefixComesFirst() {
        assertThat(CodePointOrder.IDS.compare("a", "b")).isNegative();
        assertThat(CodePointOrder.IDS.compare("ab", "a")).isPositive();
        assertThat(CodePointOrder.IDS.compare("\ud835\udd38", "\uff21")).isPositive();
        assertThat(CodePointOrder.IDS.compare("\u00e9", "\u00e9")).isZero();
    }

    /** A history that keeps no event ids at all. */
    private record WithoutEventIds(EventHistory history) implements ForwardingHistory {

        @Override
        public String eventId(int i) {
            throw new UnsupportedOperationException("no ids here");
        }
    }
}

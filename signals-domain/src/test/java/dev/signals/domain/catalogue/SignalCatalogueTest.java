package dev.signals.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.UnknownSignalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalCatalogueTest {

    private final SignalCatalogue catalogue = SignalCatalogue.standard();

    @Test
    void has33WindowedRowsInThreeWindowsAndNineDaysSinceLastRows() {
        assertThat(catalogue.all()).hasSize(108);
        for (Window window : Window.values()) {
            assertThat(catalogue.all()).filteredOn(s -> s.window().equals(Optional.of(window))).hasSize(33);
        }
        assertThat(catalogue.all()).filteredOn(s -> s.metric() == Metric.DAYS_SINCE_LAST).hasSize(9);
        assertThat(catalogue.defaults()).hasSize(35);
    }

    @Test
    void catalogueOrderIsEveryWindowInTurnThenDaysSinceLastInEventTypeOrder() {
        List<Signal> all = catalogue.all();
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).position()).isEqualTo(i);
        }
        assertThat(all.subList(0, 33)).allMatch(s -> s.window().equals(Optional.of(Window.DAYS_30)));
        assertThat(all.subList(33, 66)).allMatch(s -> s.window().equals(Optional.of(Window.DAYS_90)));
        assertThat(all.subList(66, 99)).allMatch(s -> s.window().equals(Optional.of(Window.DAYS_180)));
        assertThat(all.subList(99, 108)).extracting(Signal::eventType).isSorted();
        assertThat(all.subList(0, 3)).extracting(Signal::name).containsExactly(
                "events_marketing_day30", "events_marketing_day30_institution_count",
                "events_application_reception_day30");
        assertThat(all.subList(17, 23)).extracting(Signal::name).containsExactly(
                "events_overdue_day30", "events_overdue_day30_institution_count",
                "events_overdue_day30_amount", "events_debt_day30_amount", "events_overdue_day30_days",
                "events_overdue_day30_autorepayment_days");
        assertThat(all.get(32).name()).isEqualTo("events_other_day30_institution_count");
        assertThat(all.get(107).name()).isEqualTo("events_captcha_days_since_last");
    }

    @Test
    void everyWindowHasTheSameRowsInTheSameOrder() {
        List<Signal> all = catalogue.all();
        for (int row = 0; row < 33; row++) {
            Signal day30 = all.get(row);
            for (int window = 1; window < 3; window++) {
                Signal other = all.get(window * 33 + row);
                assertThat(other.eventType()).isEqualTo(day30.eventType());
                assertThat(other.metric()).isEqualTo(day30.metric());
            }
        }
    }

    @Test
    void namesFollowTheContractsRule() {
        assertThat(catalogue.byName("events_loan_disbursement_day90_amount"))
                .returns(EventType.LOAN_DISBURSEMENT, Signal::eventType)
                .returns(Optional.of(Window.DAYS_90), Signal::window)
                .returns(Metric.AMOUNT, Signal::metric)
                .returns(Availability.AVAILABLE, Signal::availability);
        assertThat(catalogue.byName("events_overdue_day180_autorepayment_days").metric())
                .isEqualTo(Metric.OVERDUE_AUTOREPAYMENT_DAYS);
        assertThat(catalogue.byName("events_overdue_day30_days").metric()).isEqualTo(Metric.OVERDUE_DAYS);
        assertThat(catalogue.byName("events_overdue_days_since_last"))
                .returns(Optional.empty(), Signal::window)
                .returns(Metric.DAYS_SINCE_LAST, Signal::metric);
    }

    @Test
    void descriptionsAreGeneratedFromTypeWindowAndMetric() {
        assertThat(catalogue.byName("events_marketing_day90").description())
                .isEqualTo("Number of marketing promotion events in the last 90 days");
        assertThat(catalogue.byName("events_overdue_day180_autorepayment_days").description())
                .isEqualTo("Number of days of overdue autorepayment events in the last 180 days");
        assertThat(catalogue.byName("events_captcha_days_since_last").description())
                .isEqualTo("Number of days since the last captcha event");
        assertThat(catalogue.byName("events_debt_day30_amount").description())
                .isEqualTo("Amount of debt events in the last 30 days");
    }

    @Test
    void unknownNameIsAnErrorThatNamesTheSignal() {
        assertThatThrownBy(() -> catalogue.byName("events_debt_day60_amount"))
                .isInstanceOf(UnknownSignalException.class)
                .hasMessageContaining("events_debt_day60_amount");
        assertThat(catalogue.find("events_debt_day60_amount")).isEmpty();
        assertThat(catalogue.find("events_debt_day90_amount")).isPresent();
    }

    @Test
    void selectingListsEveryUnknownNameInOneMessage() {
        assertThatThrownBy(() -> catalogue.select(List.of("events_overdue_day30", "nope", "events_x", "nope")))
                .isInstanceOfSatisfying(UnknownSignalException.class,
                        e -> assertThat(e.unknownNames()).containsExactly("nope", "events_x"))
                .hasMessageContaining("nope, events_x");
    }

    @Test
    void selectionIsInCatalogueOrderAndDuplicatesCollapse() {
        SignalSelection selection = catalogue.select(List.of(
                "events_overdue_days_since_last", "events_debt_day90_amount", "events_marketing_day30",
                "events_debt_day90_amount"));

        assertThat(selection.names()).containsExactly(
                "events_marketing_day30", "events_debt_day90_amount", "events_overdue_days_since_last");
        assertThat(selection.size()).isEqualTo(3);
        assertThat(selection.contains(catalogue.byName("events_marketing_day30"))).isTrue();
        assertThat(selection.contains(catalogue.byName("events_marketing_day90"))).isFalse();
        assertThat(selection).isEqualTo(catalogue.select(List.of(
                "events_marketing_day30", "events_debt_day90_amount", "events_overdue_days_since_last")));
    }

    @Test
    void anEmptySelectionIsAnError() {
        assertThatThrownBy(() -> catalogue.select(List.of()))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("signals"))
                .hasMessageContaining("at least one");
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> catalogue.select(withNull)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void allSignalsAndDefaultsAreSelections() {
        assertThat(catalogue.allSignals().signals()).isEqualTo(catalogue.all());
        assertThat(catalogue.defaultSelection().signals()).isEqualTo(catalogue.defaults());
    }

    @Test
    void aSignalsNameMustMatchItsParts() {
        assertThatThrownBy(() -> new Signal("events_debt_day30", EventType.DEBT, Optional.of(Window.DAYS_30),
                Metric.AMOUNT, Availability.DEFAULT, "d", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Signal("events_debt_day30_days", EventType.DEBT, Optional.of(Window.DAYS_30),
                Metric.OVERDUE_DAYS, Availability.DEFAULT, "d", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

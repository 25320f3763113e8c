package dev.signals.domain.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.EventBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalTemplateTest {

    private static final SignalCatalogue CATALOGUE = SignalCatalogue.standard();
    private static final Instant AS_OF = Instant.parse("2024-08-09T12:55:51Z");

    private final SignalCalculator calculator = new SignalCalculator();

    @Test
    void theBuiltInTemplateIsTheDefaultsAsNumbers() {
        SignalTemplate builtIn = SignalTemplate.builtIn();

        assertThat(builtIn.id()).isEqualTo("tpl-sgn003001");
        assertThat(builtIn.signals().signals()).isEqualTo(CATALOGUE.defaults());
        assertThat(builtIn.amountFormat()).isEqualTo(AmountFormat.NUMBER);
        assertThat(builtIn.isBuiltIn()).isTrue();
    }

    @Test
    void aBandTemplateReproducesTheBetaSample() {
        SignalSelection signals = CATALOGUE.select(
                List.of("events_arbitrary_day30", "events_preloan_day30", "events_debt_day90_amount"));
        SignalTemplate template = new SignalTemplate("tpl-beta-sample", signals, AmountFormat.BAND, null);
        CalculationResult result = calculator.calculate(EventHistory.of(List.of(
                EventBuilder.an(EventType.DEBT).occurredAt("2024-07-01T00:00:00Z").amount("0").build())), AS_OF, signals);

        assertThat(template.format(result)).containsExactly(
                new ResultItem("events_arbitrary_day30", 0L, ValueType.NUMBER),
                new ResultItem("events_preloan_day30", 0L, ValueType.NUMBER),
                new ResultItem("events_debt_day90_amount", "A0", ValueType.STRING));
    }

    @Test
    void withBandsEveryAmountIsABandCodeAndNullStaysNull() {
        SignalSelection signals = CATALOGUE.select(List.of("events_loan_disbursement_day30_amount",
                "events_overdue_day30_amount", "events_overdue_day30_days"));
        SignalTemplate template = new SignalTemplate("tpl-bands", signals, AmountFormat.BAND, null);
        CalculationResult result = calculator.calculate(EventHistory.of(List.of(
                EventBuilder.an(EventType.LOAN_DISBURSEMENT).occurredAt("2024-08-01T00:00:00Z").amount("1000.50")
                        .build())), AS_OF, signals);

        assertThat(template.format(result)).containsExactly(
                new ResultItem("events_loan_disbursement_day30_amount", "A2", ValueType.STRING),
                new ResultItem("events_overdue_day30_amount", null, ValueType.STRING),
                new ResultItem("events_overdue_day30_days", null, ValueType.NUMBER));
    }

    @Test
    void withNumbersAmountsStayNumbers() {
        SignalSelection signals = CATALOGUE.select(List.of("events_loan_disbursement_day30_amount"));
        CalculationResult result = calculator.calculate(EventHistory.of(List.of(
                EventBuilder.an(EventType.LOAN_DISBURSEMENT).occurredAt("2024-08-01T00:00:00Z").amount("1000.50")
                        .build())), AS_OF, signals);

        assertThat(SignalTemplate.ofSelection(signals).format(result))
                .containsExactly(new ResultItem("events_loan_disbursement_day30_amount", 1001L, ValueType.NUMBER));
    }

    @Test
    void theDefaultSelectionIsTheBuiltInTemplateAndAnyOtherIsTheAccountsSelection() {
        assertThat(SignalTemplate.ofSelection(CATALOGUE.defaultSelection())).isEqualTo(SignalTemplate.builtIn());
        SignalSelection own = CATALOGUE.select(List.of("events_overdue_day90_amount"));
        assertThat(SignalTemplate.ofSelection(own).id()).isEqualTo(SignalTemplate.ACCOUNT_SELECTION_ID);
        assertThat(SignalTemplate.isReserved(SignalTemplate.BUILT_IN_ID)).isTrue();
        assertThat(SignalTemplate.isReserved(SignalTemplate.ACCOUNT_SELECTION_ID)).isTrue();
        assertThat(SignalTemplate.isReserved("tpl-banded")).isFalse();
    }

    @Test
    void noDataGivesNoItems() {
        CalculationResult result = calculator.calculate(EventHistory.empty(), AS_OF, CATALOGUE.defaultSelection());

        assertThat(SignalTemplate.builtIn().format(result)).isEmpty();
    }

    @Test
    void aResultOfOtherSignalsCannotBeFormatted() {
        CalculationResult result = calculator.calculate(EventHistory.of(List.of(
                EventBuilder.an(EventType.DEBT).build())), AS_OF, CATALOGUE.allSignals());

        assertThatThrownBy(() -> SignalTemplate.builtIn().format(result)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tpl-", "sgn003001", "tpl-ABC", "tpl-a_b", "tpl-a b"})
    void idsAreTplAndOneTo60LowerCaseLettersDigitsOrDashes(String id) {
        assertThatThrownBy(() -> new SignalTemplate(id, CATALOGUE.defaultSelection(), AmountFormat.NUMBER, null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("templateId"))
                .hasMessageContaining("'tpl-' followed by 1 to 60");
    }

    @Test
    void idsMayHaveSixtyCharactersAfterTheTplPrefix() {
        assertThat(SignalTemplate.checkId("tpl-" + "a".repeat(60))).hasSize(64);
        assertThatThrownBy(() -> SignalTemplate.checkId("tpl-" + "a".repeat(61))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void amountFormatIsNumberOrBand() {
        assertThat(AmountFormat.parse("BAND")).isEqualTo(AmountFormat.BAND);
        assertThatThrownBy(() -> AmountFormat.parse("band")).hasMessageContaining("NUMBER or BAND, was 'band'");
    }

    @Test
    void anItemsValueMatchesItsType() {
        assertThatThrownBy(() -> new ResultItem("events_debt_day30_amount", "A1", ValueType.NUMBER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultItem("events_debt_day30_amount", 1L, ValueType.STRING))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

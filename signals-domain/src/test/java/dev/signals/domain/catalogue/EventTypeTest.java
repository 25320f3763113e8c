package dev.signals.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void theFourteenTypesAreInContractOrder() {
        assertThat(EventType.values()).extracting(EventType::code).containsExactly(
                "marketing", "application_reception", "application_approval", "application_rejection",
                "loan_disbursement", "repayment_reminder", "successful_repayment", "overdue", "debt",
                "captcha", "lending", "preloan", "arbitrary", "other");
    }

    @Test
    void parsesTheContractSpelling() {
        assertThat(EventType.parse("LOAN_DISBURSEMENT")).isEqualTo(EventType.LOAN_DISBURSEMENT);
    }

    @Test
    void anUnknownTypeFailsListingTheValidTypes() {
        assertThatThrownBy(() -> EventType.parse("REFUND"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("type"))
                .hasMessageContaining("'REFUND'")
                .hasMessageContaining("MARKETING, APPLICATION_RECEPTION")
                .hasMessageContaining("OTHER");
        assertThatThrownBy(() -> EventType.parse(null)).hasMessageContaining("type is required");
    }

    @Test
    void marketingIsLabelledAsMarketingPromotion() {
        assertThat(EventType.MARKETING.label()).isEqualTo("marketing promotion");
        assertThat(EventType.SUCCESSFUL_REPAYMENT.label()).isEqualTo("successful repayment");
    }

    @Test
    void onlyOverdueAndDebtCarryBalances() {
        assertThat(EventType.values()).filteredOn(EventType::carriesBalance)
                .containsExactly(EventType.OVERDUE, EventType.DEBT);
    }
}

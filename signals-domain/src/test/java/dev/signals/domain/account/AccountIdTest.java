package dev.signals.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

class AccountIdTest {

    @Test
    void accountIdsAreNonBlankAndAtMost40Characters() {
        assertThat(new AccountId("a".repeat(40)).value()).hasSize(40);
        assertThatThrownBy(() -> new AccountId("a".repeat(41))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new AccountId(" ")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void institutionIdsAreNonBlankAndAtMost128Characters() {
        assertThat(new InstitutionId("i".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> new InstitutionId("i".repeat(129)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("institutionId"))
                .hasMessageContaining("at most 128");
        assertThatThrownBy(() -> new InstitutionId("")).hasMessageContaining("institutionId is required");
    }
}

package dev.signals.domain.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void isTrimmedAndLowerCased() {
        assertThat(new EmailAddress("  Juan.Dela.Cruz@Example.PH \t").value()).isEqualTo("juan.dela.cruz@example.ph");
        assertThat(new EmailAddress("A@B.C")).isEqualTo(new EmailAddress("a@b.c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"juan", "@example.ph", "juan@", "juan@@example.ph", "ju an@example.ph", "a@b@c", " "})
    void needsOneAtBetweenNonEmptyPartsAndNoWhitespace(String value) {
        assertThatThrownBy(() -> new EmailAddress(value))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("emailAddress"));
    }

    @Test
    void hasAtMost254Characters() {
        String local = "a".repeat(64);
        String domain = "b".repeat(254 - 65);
        assertThat(new EmailAddress(local + "@" + domain).value()).hasSize(254);
        assertThatThrownBy(() -> new EmailAddress(local + "@" + domain + "c"))
                .hasMessageContaining("at most 254");
    }

    @Test
    void isMaskedInLogs() {
        EmailAddress address = new EmailAddress("juan@example.ph");
        assertThat(address.masked()).isEqualTo("j***@example.ph");
        assertThat(address.toString()).doesNotContain("juan");
    }
}

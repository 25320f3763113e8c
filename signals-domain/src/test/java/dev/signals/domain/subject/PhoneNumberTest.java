package dev.signals.domain.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    private final PhoneNumber phone = new PhoneNumber("+639171234567");

    @Test
    void hashesTheE164FormWithAndWithoutPlus() {
        assertThat(phone.md5WithPlus()).isEqualTo("4f8e51bab45696211f68ecc3dd06aa64");
        assertThat(phone.md5WithoutPlus()).isEqualTo("9a904b193ee093f8b15949270867fc35");
    }

    @Test
    void isMaskedInLogs() {
        assertThat(phone.masked()).isEqualTo("+63917*****67");
        assertThat(phone.toString()).doesNotContain("1234").contains("+63917*****67");
        assertThat(new PhoneNumber("+12345678").masked()).isEqualTo("+12****78");
        assertThat(new PhoneNumber("+123456789012345").masked()).isEqualTo("+12345********45");
    }

    @ParameterizedTest
    @ValueSource(strings = {"639171234567", "+0639171234", "+1234567", "+1234567890123456", "+63 917 123 4567", ""})
    void acceptsOnlyTheE164Shape(String value) {
        assertThatThrownBy(() -> new PhoneNumber(value))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("phone"))
                .hasMessageContaining("E.164");
    }
}

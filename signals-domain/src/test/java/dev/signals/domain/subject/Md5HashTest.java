package dev.signals.domain.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

class Md5HashTest {

    @Test
    void upperCaseInputIsLowered() {
        assertThat(new Md5Hash("4F8E51BAB45696211F68ECC3DD06AA64").hex())
                .isEqualTo("4f8e51bab45696211f68ecc3dd06aa64");
    }

    @Test
    void isExactly32HexCharacters() {
        assertThatThrownBy(() -> new Md5Hash("4f8e51bab45696211f68ecc3dd06aa6"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("32 hex");
        assertThatThrownBy(() -> new Md5Hash("4f8e51bab45696211f68ecc3dd06aa6g"))
                .isInstanceOf(InvalidValueException.class);
        assertThat(Md5Hash.looksLikeMd5("4F8E51BAB45696211F68ECC3DD06AA64")).isTrue();
        assertThat(Md5Hash.looksLikeMd5("+639171234567")).isFalse();
    }

    @Test
    void digestsUtf8Text() {
        assertThat(Md5Hash.digestOf("+639171234567").hex()).isEqualTo("4f8e51bab45696211f68ecc3dd06aa64");
    }

    @Test
    void isMaskedInLogsBecauseAPhoneHashCanBeReversed() {
        assertThat(new Md5Hash("4f8e51bab45696211f68ecc3dd06aa64").toString())
                .startsWith("Md5Hash[4f8e").doesNotContain("aa64");
    }
}

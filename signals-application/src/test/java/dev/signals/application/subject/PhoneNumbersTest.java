package dev.signals.application.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneHashSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    private static final PhoneNumber PH_MOBILE = new PhoneNumber("+639171234567");
    private static final String MD5_WITH_PLUS = "4f8e51bab45696211f68ecc3dd06aa64";
    private static final String MD5_WITHOUT_PLUS = "9a904b193ee093f8b15949270867fc35";

    private final PhoneNumbers phoneNumbers = new PhoneNumbers();

    private static void assertInvalid(String field, String message, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} with countryCode {1}")
    @CsvSource(nullValues = "null", value = {
            "+639171234567, null",
            "639171234567, null",
            "09171234567, PH",
            "09171234567, ph",
            "639171234567, PH",
            "+639171234567, PH",
            "+639171234567, GB",
            "639171234567, GB",
            "00639171234567, PH",
            "'+63 917 123 4567', null",
            "'(0917) 123-4567', PH",
            "' +63.917.123.4567 ', ''"})
    void everyAcceptedFormOfAPhilippineMobileIsTheSameE164Number(String phone, String countryCode) {
        assertThat(phoneNumbers.normalise(phone, countryCode)).isEqualTo(PH_MOBILE);
        assertThat(phoneNumbers.parse(phone, countryCode)).isEqualTo(new PhoneSubject(PH_MOBILE));
    }

    @Test
    void otherCountriesNormaliseToo() {
        assertThat(phoneNumbers.normalise("07911 123456", "GB").e164()).isEqualTo("+447911123456");
        assertThat(phoneNumbers.normalise("+44 7911 123456", null).e164()).isEqualTo("+447911123456");
    }

    @ParameterizedTest
    @CsvSource({MD5_WITH_PLUS + ", " + MD5_WITH_PLUS, MD5_WITHOUT_PLUS + ", " + MD5_WITHOUT_PLUS,
            "4F8E51BAB45696211F68ECC3DD06AA64, " + MD5_WITH_PLUS})
    void anMd5OfTheE164FormInEitherCaseNamesTheSubjectByHash(String phone, String lowerHex) {
        assertThat(phoneNumbers.parse(phone, null)).isEqualTo(new PhoneHashSubject(new Md5Hash(lowerHex)));
        assertThat(new PhoneSubject(PH_MOBILE).keys()).contains(phoneNumbers.parse(phone, null).lookupKey());
    }

    @Test
    void eventsMustCarryTheNumberNotItsHash() {
        assertInvalid("phone", "an MD5 hash is accepted only when requesting signals",
                () -> phoneNumbers.normalise(MD5_WITH_PLUS, null));
    }

    @Test
    void anImpossibleNumberIsRejectedSayingWhy() {
        assertInvalid("phone", "phone is too short for a number of country code +63",
                () -> phoneNumbers.normalise("+6391712", null));
        assertInvalid("phone", "phone is too long", () -> phoneNumbers.normalise("+639171234567890123", null));
        assertInvalid("phone", "not a valid number of country code +63",
                () -> phoneNumbers.normalise("+63123456789", null));
        assertInvalid("phone", "known country calling code", () -> phoneNumbers.normalise("+999123456789", null));
    }

    @Test
    void aTooShortNationalNumberIsRejected() {
        assertInvalid("phone", "for country PH", () -> phoneNumbers.normalise("0917123", "PH"));
        assertInvalid("phone", "for country PH", () -> phoneNumbers.parse("0917", "PH"));
    }

    @Test
    void aNationalNumberWithoutCountryCodeIsRejectedWithAHint() {
        assertInvalid("phone", "give a national number with countryCode",
                () -> phoneNumbers.normalise("09171234567", null));
    }

    @Test
    void lettersAreRejectedRatherThanReadAsAVanityNumber() {
        assertInvalid("phone", "letters are not accepted", () -> phoneNumbers.normalise("+63917ABCDEFG", null));
        assertInvalid("phone", "letters are not accepted", () -> phoneNumbers.parse("call me", null));
    }

    @Test
    void aMissingOrOverlongPhoneIsRejected() {
        assertInvalid("phone", "phone is required", () -> phoneNumbers.normalise(" ", null));
        assertInvalid("phone", "phone is required", () -> phoneNumbers.parse(null, null));
        assertInvalid("phone", "at most 64 characters", () -> phoneNumbers.normalise("1".repeat(65), null));
    }

    @Test
    void anUnknownCountryCodeIsRejected() {
        assertInvalid("countryCode", "ISO-3166 alpha-2 country code such as PH, was 'XX'",
                () -> phoneNumbers.normalise("09171234567", "XX"));
        assertInvalid("countryCode", "was 'PHL'", () -> phoneNumbers.parse("+639171234567", "PHL"));
        assertInvalid("countryCode", "was 'ZZ'", () -> phoneNumbers.parse(MD5_WITH_PLUS, "ZZ"));
    }
}

package dev.signals.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ConsentTest {

    private static final Instant AT = Instant.parse("2024-08-08T16:06:00Z");
    private static final String WITH = "I agree to ABC Company's Terms & Conditions";
    private static final ConsentTemplateId TEMPLATE = ConsentTemplateId.of("ct-fa84d4ec5a064c898b62b46b7affbcd5");

    private static void assertInvalid(String field, String message, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void theContractsSampleIsValid() {
        Consent consent = new Consent("[Motor Loans] Terms & Conditions", "2024-08", WITH, AT, TEMPLATE);

        assertThat(consent.consentTemplateId().value()).isEqualTo("ct-fa84d4ec5a064c898b62b46b7affbcd5");
    }

    @Test
    void typeAndVersionSufficeWithoutATemplate() {
        assertThatCode(() -> new Consent("App Privacy Policy", "v3", WITH, AT, null)).doesNotThrowAnyException();
    }

    @Test
    void aTemplateSufficesWithoutTypeAndVersion() {
        assertThatCode(() -> new Consent(null, null, WITH, AT, TEMPLATE)).doesNotThrowAnyException();
    }

    @Test
    void typeVersionAndTemplateAreOptionalAsInSmilesSchema() {
        Consent consent = new Consent(null, null, WITH, AT, null);
        assertThat(consent.type()).isNull();
        assertThat(consent.version()).isNull();
        assertThat(consent.consentTemplateId()).isNull();
    }

    @Test
    void consentedWithAndConsentedAtAreRequired() {
        assertInvalid("consent.consentedWith", "consent.consentedWith is required",
                () -> new Consent("t", "v", null, AT, null));
        assertInvalid("consent.consentedWith", "consent.consentedWith is required",
                () -> new Consent("t", "v", "  ", AT, null));
        assertInvalid("consent.consentedAt", "consent.consentedAt is required",
                () -> new Consent("t", "v", WITH, null, null));
    }

    @Test
    void lengthsAreBounded() {
        assertInvalid("consent.type", "at most 200 characters, had 201",
                () -> new Consent("t".repeat(201), "v", WITH, AT, null));
        assertInvalid("consent.version", "at most 64 characters",
                () -> new Consent("t", "v".repeat(65), WITH, AT, null));
        assertInvalid("consent.consentedWith", "at most 2000 characters",
                () -> new Consent("t", "v", "w".repeat(2001), AT, null));
        assertThatCode(() -> new Consent("t".repeat(200), "v".repeat(64), "w".repeat(2000), AT, null))
                .doesNotThrowAnyException();
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String twoHundredEmoji = "\ud83d\ude00".repeat(200);

        assertThatCode(() -> new Consent(twoHundredEmoji, "v", WITH, AT, null)).doesNotThrowAnyException();
    }

    @Test
    void consentedAtMayBeAtMostFiveMinutesAheadOfTheServer() {
        Consent consent = new Consent("t", "v", WITH, AT, null);

        assertThatCode(() -> consent.checkNotInFuture(AT.minusSeconds(300))).doesNotThrowAnyException();
        assertInvalid("consent.consentedAt", "may not be later than the server time plus 5 minutes",
                () -> consent.checkNotInFuture(AT.minusSeconds(300).minusNanos(1_000)));
    }

    @Test
    void aConsentBeforeTheYear1IsRefusedSoThatEveryStoredRequestReadsBack() {
        assertInvalid("consent.consentedAt", "years 0001 to 9999",
                () -> new Consent("T&C", "1", WITH, Instant.parse("-0001-12-31T00:00:00Z"), null));
        assertThatCode(() -> new Consent("T&C", "1", WITH, Instant.parse("0001-01-01T00:00:00Z"), null))
                .doesNotThrowAnyException();
    }
}

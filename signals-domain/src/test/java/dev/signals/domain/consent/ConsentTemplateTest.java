package dev.signals.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsentTemplateTest {

    private static final ConsentTemplateId ID = ConsentTemplateId.fromUuid(
            UUID.fromString("fa84d4ec-5a06-4c89-8b62-b46b7affbcd5"));
    private static final Instant NOW = Instant.parse("2024-08-09T12:55:51.123456789Z");

    @Test
    void idsAreCtAnd32LowerCaseHex() {
        assertThat(ID.value()).isEqualTo("ct-fa84d4ec5a064c898b62b46b7affbcd5");
        assertThat(ConsentTemplateId.parse("ct-FA84D4EC5A064C898B62B46B7AFFBCD5")).isEmpty();
        assertThat(ConsentTemplateId.parse("ct-fa84d4ec5a064c898b62b46b7affbcd5")).contains(ID);
        assertThatThrownBy(() -> ConsentTemplateId.of("fa84d4ec5a064c898b62b46b7affbcd5"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("consent.consentTemplateId"));
    }

    @Test
    void typeVersionAndTextAreRequiredTitleAndMethodOptional() {
        ConsentTemplate template = new ConsentTemplate(ID, "Terms", null, "2024-08", null, "I agree...", NOW);

        assertThat(template.createdAt()).isEqualTo(Instant.parse("2024-08-09T12:55:51.123456Z"));
        assertThatThrownBy(() -> new ConsentTemplate(ID, "", null, "2024-08", null, "I agree", NOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("consentType"));
        assertThatThrownBy(() -> new ConsentTemplate(ID, "Terms", null, null, null, "I agree", NOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("version"));
        assertThatThrownBy(() -> new ConsentTemplate(ID, "Terms", null, "v", null, "", NOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("consentText"));
    }

    @Test
    void lengthsFollowTheContract() {
        new ConsentTemplate(ID, "t".repeat(200), "x".repeat(200), "v".repeat(64), "m".repeat(200),
                "c".repeat(65535), NOW);

        assertThatThrownBy(() -> new ConsentTemplate(ID, "t".repeat(201), null, "v", null, "c", NOW))
                .hasMessageContaining("consentType may have at most 200 characters");
        assertThatThrownBy(() -> new ConsentTemplate(ID, "t", "x".repeat(201), "v", null, "c", NOW))
                .hasMessageContaining("title may have at most 200");
        assertThatThrownBy(() -> new ConsentTemplate(ID, "t", null, "v".repeat(65), null, "c", NOW))
                .hasMessageContaining("version may have at most 64");
        assertThatThrownBy(() -> new ConsentTemplate(ID, "t", null, "v", "m".repeat(201), "c", NOW))
                .hasMessageContaining("consentMethod may have at most 200");
        assertThatThrownBy(() -> new ConsentTemplate(ID, "t", null, "v", null, "c".repeat(65536), NOW))
                .hasMessageContaining("consentText may have at most 65535");
    }
}

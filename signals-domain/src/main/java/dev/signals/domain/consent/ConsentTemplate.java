package dev.signals.domain.consent;

import dev.signals.domain.Text;
import dev.signals.domain.time.ServiceInstant;
import java.time.Instant;
import java.util.Objects;

/**
 * A consent document an account stores once and names by id in its signal requests
 * (CONTRACT §5): {@code consentType} (1–200 characters) and {@code version} (1–64) and
 * {@code consentText} (1–65535) are required, {@code title} and {@code consentMethod} (0–200)
 * optional. {@code createdAt} is kept to the microsecond.
 */
public record ConsentTemplate(
        ConsentTemplateId id,
        String consentType,
        String title,
        String version,
        String consentMethod,
        String consentText,
        Instant createdAt) {

    public ConsentTemplate {
        Objects.requireNonNull(id, "id");
        Text.required("consentType", consentType, 200);
        Text.optional("title", title, 200);
        Text.required("version", version, 64);
        Text.optional("consentMethod", consentMethod, 200);
        Text.required("consentText", consentText, 65535);
        createdAt = ServiceInstant.now(Objects.requireNonNull(createdAt, "createdAt")).value();
    }
}

package dev.signals.domain.consent;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.Text;
import dev.signals.domain.time.ServiceInstant;
import java.time.Duration;
import java.time.Instant;

/**
 * The subject's consent that comes with every signal request (CONTRACT §2.1), as in Smile's
 * {@code Consent} schema: {@code consentedWith} (1–2000 characters) and {@code consentedAt} are
 * required; {@code type} (at most 200 characters), {@code version} (at most 64) and
 * {@code consentTemplateId} are optional, and kept as sent. {@code consentedAt} may not be later
 * than the server's clock plus 5 minutes, see {@link #checkNotInFuture(Instant)}. Whether a named
 * consent template exists is the application's check.
 */
public record Consent(
        String type,
        String version,
        String consentedWith,
        Instant consentedAt,
        ConsentTemplateId consentTemplateId) {

    /** How far ahead of the server's clock a consent may be dated, for clients with fast clocks. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    public Consent {
        Text.optional("consent.type", type, 200);
        Text.optional("consent.version", version, 64);
        Text.required("consent.consentedWith", consentedWith, 2000);
        ServiceInstant.of("consent.consentedAt", consentedAt);
    }

    /**
     * Rejects a consent dated later than {@code now} plus {@link #CLOCK_TOLERANCE}.
     *
     * @throws InvalidValueException on field {@code consent.consentedAt}
     */
    public void checkNotInFuture(Instant now) {
        if (consentedAt.isAfter(now.plus(CLOCK_TOLERANCE))) {
            throw new InvalidValueException("consent.consentedAt",
                    "consent.consentedAt may not be later than the server time plus 5 minutes; server time was "
                            + now + ", consentedAt " + consentedAt);
        }
    }
}

package dev.signals.domain.consent;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.Text;
import java.time.Duration;
import java.time.Instant;

/**
 * The subject's consent that comes with every signal request (CONTRACT §2.1): {@code consentedWith}
 * (1–2000 characters) and {@code consentedAt} are required, and either {@code consentTemplateId}
 * names a stored consent template or both {@code type} (at most 200 characters) and
 * {@code version} (at most 64) are given; a blank type or version counts as not given.
 * {@code consentedAt} may not be later than the server's clock plus 5 minutes, see
 * {@link #checkNotInFuture(Instant)}. Whether the template exists is the application's check.
 */
public record Consent(
        String type,
        String version,
        String consentedWith,
        Instant consentedAt,
        ConsentTemplateId consentTemplateId) {

    /** How far ahead of the server's clock a consent may be dated, for clients with fast clocks. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    /** The earliest instant a stored request can hold, as for every other timestamp of the service. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public Consent {
        Text.optional("consent.type", type, 200);
        Text.optional("consent.version", version, 64);
        Text.required("consent.consentedWith", consentedWith, 2000);
        if (consentedAt == null) {
            throw new InvalidValueException("consent.consentedAt",
                    "consent.consentedAt is required, an ISO-8601 UTC timestamp");
        }
        if (consentedAt.getNano() % 1_000 != 0) {
            throw new InvalidValueException("consent.consentedAt",
                    "consent.consentedAt may have at most 6 fractional digits (microseconds)");
        }
        if (consentedAt.isBefore(EARLIEST)) {
            throw new InvalidValueException("consent.consentedAt",
                    "consent.consentedAt must lie in the years 0001 to 9999, was " + consentedAt);
        }
        if (consentTemplateId == null) {
            if (Text.isBlank(type)) {
                throw new InvalidValueException("consent.type",
                        "consent.type is required unless consent.consentTemplateId names a stored consent template");
            }
            if (Text.isBlank(version)) {
                throw new InvalidValueException("consent.version",
                        "consent.version is required unless consent.consentTemplateId names a stored consent template");
            }
        }
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

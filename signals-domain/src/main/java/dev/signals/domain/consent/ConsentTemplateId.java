package dev.signals.domain.consent;

import dev.signals.domain.InvalidValueException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The id of a stored consent template: {@code ct-} and 32 lower-case hex characters (CONTRACT §5). */
public record ConsentTemplateId(String value) {

    private static final Pattern SHAPE = Pattern.compile("ct-[0-9a-f]{32}");

    public ConsentTemplateId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("consent.consentTemplateId",
                    "consent.consentTemplateId must be 'ct-' followed by 32 lower-case hex characters");
        }
    }

    /** The id of this shape, e.g. from a request body. */
    public static ConsentTemplateId of(String value) {
        return new ConsentTemplateId(value);
    }

    /** The id, or empty when {@code value} does not have the shape of one (a path that names nothing). */
    public static Optional<ConsentTemplateId> parse(String value) {
        return value != null && SHAPE.matcher(value).matches() ? Optional.of(new ConsentTemplateId(value))
                : Optional.empty();
    }

    /** {@code ct-} and the UUID's 32 hex digits. */
    public static ConsentTemplateId fromUuid(UUID uuid) {
        return new ConsentTemplateId("ct-" + uuid.toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.signals.domain.subject;

import dev.signals.domain.InvalidValueException;
import java.util.Locale;

/**
 * An e-mail address, trimmed and lower-cased before it is matched (CONTRACT §2.1). The shape
 * check is minimal: one {@code @} between a non-empty local part and a non-empty domain, no
 * whitespace, at most 254 characters. {@link #toString()} is masked.
 */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;

    public EmailAddress {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("emailAddress", "emailAddress is required and may not be blank");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException("emailAddress",
                    "emailAddress may have at most " + MAX_LENGTH + " characters, had " + value.length());
        }
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            throw new InvalidValueException("emailAddress",
                    "emailAddress must be local-part@domain with exactly one '@'");
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidValueException("emailAddress", "emailAddress may not contain whitespace");
        }
    }

    /** The first character of the local part and the domain: {@code j***@example.com}. */
    public String masked() {
        int at = value.indexOf('@');
        return value.charAt(0) + "***" + value.substring(at);
    }

    @Override
    public String toString() {
        return "EmailAddress[" + masked() + "]";
    }
}

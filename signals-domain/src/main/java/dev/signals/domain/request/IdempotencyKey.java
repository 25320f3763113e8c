package dev.signals.domain.request;

import dev.signals.domain.InvalidValueException;

import java.util.Optional;

/**
 * The key a client sends in the {@code Idempotency-Key} header of a signal request, so that it, or a balancer in front
 * of the service, can send the request again without making a second one: 1 to 255 visible ASCII characters. A
 * header may carry it bare ({@code Idempotency-Key: 8e03978e-40d5}) or as a structured-field string, in double
 * quotes (RFC 8941, as the IETF's draft of the header writes it); the key is what is inside the quotes.
 */
public record IdempotencyKey(String value) {

    /** The header, and the field its errors name. */
    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(HEADER, HEADER + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(HEADER, HEADER + " must be at most " + MAX_LENGTH + " characters, was "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new InvalidValueException(HEADER, HEADER + " must hold only visible ASCII characters (no spaces),"
                        + " found " + (c < 0x21 || c == 0x7F ? String.format("U+%04X", (int) c) : "'" + c + "'")
                        + " at position " + (i + 1));
            }
        }
    }

    /**
     * The key a header's value names, or empty when the request had no such header ({@code header} null).
     *
     * @throws InvalidValueException on field {@code Idempotency-Key} for an empty or malformed value
     */
    public static Optional<IdempotencyKey> ofHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = unquoted(value.substring(1, value.length() - 1));
        }
        return Optional.of(new IdempotencyKey(value));
    }

    /** The content of a structured-field string: {@code \"} and {@code \\} stand for themselves. */
    private static String unquoted(String quoted) {
        StringBuilder content = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() && (quoted.charAt(i + 1) == '"' || quoted.charAt(i + 1) == '\\')) {
                c = quoted.charAt(++i);
            } else if (c == '\\' || c == '"') {
                throw new InvalidValueException(HEADER, HEADER + " in double quotes may hold a '" + c
                        + "' only escaped with a backslash");
            }
            content.append(c);
        }
        return content.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}

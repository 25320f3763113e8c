package dev.signals.domain;

import java.util.Objects;

/**
 * A value a client sent breaks a rule of the contract. {@link #field()} names the offending field
 * in the contract's JSON spelling ({@code amount}, {@code consent.consentedAt}, {@code phone}...)
 * so that the REST layer can answer {@code {"field": ..., "message": ...}} (CONTRACT §1).
 */
public final class InvalidValueException extends DomainException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The offending field in the contract's JSON spelling, e.g. {@code consent.consentedAt}. */
    public String field() {
        return field;
    }
}

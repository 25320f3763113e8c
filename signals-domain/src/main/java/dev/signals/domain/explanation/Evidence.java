package dev.signals.domain.explanation;

import dev.signals.domain.catalogue.EventType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One event an explained request's values rest on, as the asking institution may see it (CONTRACT §2.5): its
 * {@code ref} in the request ({@code e1}, {@code e2}, ...), its fields, and its institution masked: {@code own}
 * for the asking institution's, {@code other-1}, {@code other-2}, ... for the others. Only an own event carries
 * its {@code eventId}. The amount is kept to the cent ({@code 1520.50}, a JSON number equal to {@code 1520.5}).
 */
public record Evidence(String ref, EventType type, Instant occurredAt, Instant reportedAt, BigDecimal amount,
                       Integer overdueDays, Boolean autoRepayment, String institution, String eventId) {

    /** The masked institution of the asking institution's own events. */
    public static final String OWN = "own";

    public Evidence {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(institution, "institution");
        amount = amount == null ? null : amount.setScale(2);   // in cents, as every event's, however it was written
        if (eventId != null && !institution.equals(OWN)) {
            throw new IllegalArgumentException("only an own event shows its eventId, not one of " + institution);
        }
    }

    /** The masked name of the {@code n}-th other institution (from 1). */
    public static String other(int n) {
        return "other-" + n;
    }
}

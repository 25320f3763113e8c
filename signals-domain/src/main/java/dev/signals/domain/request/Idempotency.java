package dev.signals.domain.request;

import dev.signals.domain.consent.Consent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What lets a signal request be sent again without making a second one: the key its client chose
 * ({@link IdempotencyKey}) and {@code asked}, a digest of what it asked for: the request body's fields as sent
 * ({@link RequestMeta}, {@code asOf}, {@code explain}). An account stores at most one request under a key. A request that
 * comes again with the key is answered with the stored request when it asks the same; one that asks something else is
 * refused ({@link IdempotencyKeyReusedException}): a key names one question, it is no slot to put another in.
 *
 * @param asked the SHA-256 of what was asked, 64 lower-case hex digits
 */
public record Idempotency(IdempotencyKey key, String asked) {

    public Idempotency {
        Objects.requireNonNull(key, "key");
        if (asked == null || asked.length() != 64 || !asked.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("asked must be 64 hex digits of a SHA-256, was " + asked);
        }
    }

    /**
     * The idempotency of a request made with {@code key}, asking what {@code meta}, {@code requestedAsOf} (null when the
     * client sent none) and {@code explain} say. Two requests ask the same exactly when these are equal.
     */
    public static Idempotency of(IdempotencyKey key, RequestMeta meta, Instant requestedAsOf, boolean explain) {
        return new Idempotency(key, digest(meta, requestedAsOf, explain));
    }

    /** Whether a request with {@code other} asks what the one with this asked (their keys being the same). */
    public boolean asksTheSameAs(Idempotency other) {
        return asked.equals(other.asked);
    }

    private static String digest(RequestMeta meta, Instant requestedAsOf, boolean explain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream fields = new DataOutputStream(bytes)) {
            Consent consent = meta.consent();
            for (Object field : new Object[] {meta.phone(), meta.countryCode(), meta.emailAddress(), meta.templateId(),
                    consent.type(), consent.version(), consent.consentedWith(), consent.consentedAt(),
                    consent.consentTemplateId() == null ? null : consent.consentTemplateId().value(), requestedAsOf}) {
                fields.writeBoolean(field != null); // null and "" differ
                fields.writeUTF(field == null ? "" : field.toString());
            }
            fields.writeBoolean(explain);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from memory
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

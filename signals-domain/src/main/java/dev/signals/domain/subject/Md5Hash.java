package dev.signals.domain.subject;

import dev.signals.domain.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hex MD5 of a phone number's E.164 form, with or without its {@code +}, which a client may
 * send instead of the number (CONTRACT §2.1). Held as 32 lower-case hex characters; upper-case
 * input is accepted and lowered. A phone hash is personal data (phone numbers are few enough to
 * reverse it), so {@link #toString()} is masked.
 */
public record Md5Hash(String hex) {

    private static final Pattern HEX_32 = Pattern.compile("[0-9a-f]{32}");

    public Md5Hash {
        if (hex == null) {
            throw new InvalidValueException("phone", "an MD5 hash is 32 hex characters, was missing");
        }
        hex = hex.toLowerCase(Locale.ROOT);
        if (!HEX_32.matcher(hex).matches()) {
            throw new InvalidValueException("phone", "an MD5 hash is exactly 32 hex characters (0-9, a-f)");
        }
    }

    /** Whether {@code value} has the shape of a hex MD5 (32 hex characters, either case). */
    public static boolean looksLikeMd5(String value) {
        return value != null && HEX_32.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    /** The MD5 of the UTF-8 bytes of {@code text}. */
    public static Md5Hash digestOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return new Md5Hash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }

    /** The first four hex characters and a mask, for logs. */
    public String masked() {
        return hex.substring(0, 4) + "****************************";
    }

    @Override
    public String toString() {
        return "Md5Hash[" + masked() + "]";
    }
}

package dev.signals.application.port;

import dev.signals.application.port.InvalidCommandException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A position in a list ordered newest first: the {@code createdAt} and {@code id} of the last item
 * seen. Lists continue strictly after it (keyset pagination), so rows inserted meanwhile neither
 * shift a page nor appear twice. Clients see it as an opaque string.
 */
public record PageCursor(Instant createdAt, String id) {

    private static final Pattern ID = Pattern.compile("[a-z]{2,10}-[0-9a-f]{32}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        return ENCODER.encodeToString((micros + "/" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Where a page starts: null (the first page) when no cursor was given, else the decoded cursor.
     *
     * @throws InvalidCommandException on field {@code cursor} for anything this service did not hand out
     */
    public static PageCursor after(String cursor) {
        return cursor == null || cursor.isEmpty() ? null : decode(cursor);
    }

    /** @throws InvalidCommandException on field {@code cursor} for anything this service did not hand out */
    public static PageCursor decode(String cursor) {
        try {
            String text = new String(DECODER.decode(cursor), StandardCharsets.US_ASCII);
            int slash = text.indexOf('/');
            long micros = Long.parseLong(text.substring(0, slash));
            String id = text.substring(slash + 1);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("bad id");
            }
            return new PageCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L), id);
        } catch (RuntimeException e) {
            throw InvalidCommandException.of("cursor", "is not a cursor this service handed out; use nextCursor from a previous page");
        }
    }
}

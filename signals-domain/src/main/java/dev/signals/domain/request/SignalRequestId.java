package dev.signals.domain.request;

import dev.signals.domain.InvalidValueException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** The id of a signal request: {@code signal-} and 32 lower-case hex characters (CONTRACT §2.3). */
public record SignalRequestId(String value) {

    private static final Pattern SHAPE = Pattern.compile("signal-[0-9a-f]{32}");

    public SignalRequestId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("signalId",
                    "signalId must be 'signal-' followed by 32 lower-case hex characters");
        }
    }

    /**
     * The id of this shape, e.g. the {@code signalId} filter of a list.
     *
     * @throws InvalidValueException on field {@code signalId}
     */
    public static SignalRequestId of(String value) {
        return new SignalRequestId(value);
    }

    /** The id, or empty when {@code value} does not have the shape of one (a path that names nothing). */
    public static Optional<SignalRequestId> parse(String value) {
        return value != null && SHAPE.matcher(value).matches() ? Optional.of(new SignalRequestId(value))
                : Optional.empty();
    }

    /** {@code signal-} and the UUID's 32 hex digits. */
    public static SignalRequestId fromUuid(UUID uuid) {
        return new SignalRequestId("signal-" + uuid.toString().replace("-", ""));
    }

    /**
     * A new id whose digits start with its creation time, laid out as a version-7 UUID (48 bits of Unix
     * milliseconds, the version, 74 random bits, the variant): ids made one after another sort next to each
     * other, so the indexes that store them grow at their end instead of being rewritten all over. An id
     * is not a secret (every read of a request is scoped to the account that made it); the random bits
     * only keep ids of the same millisecond apart.
     */
    public static SignalRequestId timeOrdered(Instant createdAt, RandomGenerator random) {
        long millis = createdAt.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return fromUuid(new UUID(high, low));
    }

    @Override
    public String toString() {
        return value;
    }
}

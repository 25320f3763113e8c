package dev.signals.domain.request;

import dev.signals.domain.InvalidValueException;
import java.util.Optional;
import java.util.UUID;
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

    @Override
    public String toString() {
        return value;
    }
}

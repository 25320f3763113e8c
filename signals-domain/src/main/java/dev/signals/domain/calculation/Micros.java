package dev.signals.domain.calculation;

import java.time.Instant;

/**
 * Instants as microseconds since the epoch, the precision the service stores. Conversion from an
 * instant floors, which keeps every {@code <=} and {@code <} against microsecond-precise
 * timestamps exact.
 */
public final class Micros {

    /** 24 hours in microseconds. */
    public static final long DAY = 86_400_000_000L;

    private Micros() {
    }

    /**
     * The instant's microseconds since the epoch, rounded down.
     *
     * @throws IllegalArgumentException when the instant is beyond about ±292,000 years
     */
    public static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant out of the microsecond range: " + instant, e);
        }
    }

    /** The instant of these microseconds since the epoch. */
    public static Instant toInstant(long micros) {
        return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L))
                .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}

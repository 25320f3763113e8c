package dev.signals.domain.time;

import dev.signals.domain.InvalidValueException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An instant as this service keeps it: to the microsecond (what PostgreSQL stores), within the years 0001 to 9999
 * (what every database and ISO-8601's four-digit years hold). Every timestamp a client sends (an event's
 * {@code occurredAt} and {@code reportedAt}, a request's {@code asOf}, a consent's {@code consentedAt}) is checked
 * by {@link #of}, every instant of the server's clock is cut to microseconds by {@link #now}, and a date a client
 * filters by starts an instant within the range ({@link #startOf}); nowhere else is the rule written.
 */
public record ServiceInstant(Instant value) implements Comparable<ServiceInstant> {

    /** The first instant of the year 0001. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The last microsecond of the year 9999. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public ServiceInstant {
        Objects.requireNonNull(value, "value");
        if (value.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("an instant of the service has microseconds at most, was " + value);
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new IllegalArgumentException("an instant of the service lies in the years 0001 to 9999, was " + value);
        }
    }

    /**
     * The instant a client sent in {@code field}, if it is one of the service's.
     *
     * @throws InvalidValueException naming {@code field} when it is missing, finer than a microsecond or outside
     *                               the years 0001 to 9999
     */
    public static ServiceInstant of(String field, Instant sent) {
        if (sent == null) {
            throw new InvalidValueException(field, field + " is required, an ISO-8601 UTC timestamp");
        }
        if (sent.getNano() % 1_000 != 0) {
            throw new InvalidValueException(field, field + " may have at most 6 fractional digits (microseconds), was " + sent);
        }
        if (sent.isBefore(EARLIEST) || sent.isAfter(LATEST)) {
            throw new InvalidValueException(field, field + " must lie in the years 0001 to 9999, was " + sent);
        }
        return new ServiceInstant(sent);
    }

    /** The server's clock reading {@code clock}, cut to the microsecond. */
    public static ServiceInstant now(Instant clock) {
        return new ServiceInstant(clock.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * The first instant of {@code date} in UTC, for a client's date filter named {@code field}.
     *
     * @throws InvalidValueException naming {@code field} for a date outside the years 0001 to 9999
     */
    public static ServiceInstant startOf(String field, LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new InvalidValueException(field, field + " must be a date in the years 0001 to 9999");
        }
        return new ServiceInstant(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Override
    public int compareTo(ServiceInstant other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

package dev.signals.adapter.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * {@code TIMESTAMP WITH TIME ZONE} columns (precision 6 on both databases) hold instants to the microsecond,
 * as the domain keeps them. A finer instant is truncated here, explicitly, rather than rounded by whichever
 * database happens to store it.
 */
final class Timestamps {

    private Timestamps() {
    }

    static OffsetDateTime toColumn(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** ISO-8601 in UTC, e.g. {@code 2024-07-30T08:00:00.123456Z}, as PostgreSQL reads a timestamptz literal. */
    static String toText(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    static Instant fromColumn(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}

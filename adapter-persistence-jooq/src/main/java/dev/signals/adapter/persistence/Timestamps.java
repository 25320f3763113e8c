package dev.signals.adapter.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
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

    /**
     * ISO-8601 in UTC to the microsecond, e.g. {@code 2024-07-30T08:00:00.123456Z}, as PostgreSQL reads a
     * timestamptz literal; written field by field for the years 0 to 9999 (the domain's range), which is several
     * times quicker than {@link Instant#toString()}, used for any other year.
     */
    static String toText(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return instant.truncatedTo(ChronoUnit.MICROS).toString();
        }
        char[] text = "0000-00-00T00:00:00.000000Z".toCharArray();
        put(text, 0, 4, t.getYear());
        put(text, 5, 2, t.getMonthValue());
        put(text, 8, 2, t.getDayOfMonth());
        put(text, 11, 2, t.getHour());
        put(text, 14, 2, t.getMinute());
        put(text, 17, 2, t.getSecond());
        put(text, 20, 6, t.getNano() / 1_000);
        return new String(text);
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code text[from]}. */
    private static void put(char[] text, int from, int width, int value) {
        for (int i = from + width - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static Instant fromColumn(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}

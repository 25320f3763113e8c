package dev.signals.domain.catalogue;

import java.time.Duration;

/**
 * A look-back window of N days ending at the request's {@code asOf}:
 * {@code asOf - N*24h < occurredAt <= asOf} (CONTRACT §3.2). The windows are nested.
 */
public enum Window {
    DAYS_30(30),
    DAYS_90(90),
    DAYS_180(180);

    private final int days;

    Window(int days) {
        this.days = days;
    }

    /** N, the number of days. */
    public int days() {
        return days;
    }

    /** The longest window, the furthest back any windowed signal counts. */
    public static Window longest() {
        return DAYS_180;
    }

    /** N times 24 hours. */
    public Duration length() {
        return Duration.ofDays(days);
    }
}

package dev.signals.domain.catalogue;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the catalogue: an event type, a window (none for days-since-last), a metric, its
 * availability and description, and its {@code position} in catalogue order. The name is derived
 * from the other three by the rule of CONTRACT §3.1, never written by hand.
 */
public record Signal(
        String name,
        EventType eventType,
        Optional<Window> window,
        Metric metric,
        Availability availability,
        String description,
        int position) {

    public Signal {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(description, "description");
        if (metric.windowed() != window.isPresent()) {
            throw new IllegalArgumentException(metric + " signals "
                    + (metric.windowed() ? "need" : "have no") + " window");
        }
        boolean overdueOnly = metric == Metric.OVERDUE_DAYS || metric == Metric.OVERDUE_AUTOREPAYMENT_DAYS;
        if (overdueOnly && eventType != EventType.OVERDUE) {
            throw new IllegalArgumentException(metric + " exists only for OVERDUE events");
        }
        if (!nameOf(eventType, window, metric).equals(name)) {
            throw new IllegalArgumentException("the name of " + eventType + " " + window + " " + metric
                    + " is " + nameOf(eventType, window, metric) + ", not " + name);
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0");
        }
    }

    /** The name of the signal measuring {@code metric} of {@code type} events (CONTRACT §3.1). */
    public static String nameOf(EventType type, Optional<Window> window, Metric metric) {
        String prefix = "events_" + type.code();
        String day = window.map(w -> "_day" + w.days()).orElse("");
        return switch (metric) {
            case COUNT -> prefix + day;
            case INSTITUTION_COUNT -> prefix + day + "_institution_count";
            case AMOUNT -> prefix + day + "_amount";
            case OVERDUE_DAYS -> prefix + day + "_days";
            case OVERDUE_AUTOREPAYMENT_DAYS -> prefix + day + "_autorepayment_days";
            case DAYS_SINCE_LAST -> prefix + "_days_since_last";
        };
    }

    /** The English description of the signal (matches the seeds' per-signal descriptions). */
    public static String descriptionOf(EventType type, Optional<Window> window, Metric metric) {
        String last = window.map(w -> " in the last " + w.days() + " days").orElse("");
        String label = type.label();
        return switch (metric) {
            case COUNT -> "Number of " + label + " events" + last;
            case INSTITUTION_COUNT -> "Number of institutions with " + label + " events" + last;
            case AMOUNT -> "Amount of " + label + " events" + last;
            case OVERDUE_DAYS -> "Number of days of overdue events" + last;
            case OVERDUE_AUTOREPAYMENT_DAYS -> "Number of days of overdue autorepayment events" + last;
            case DAYS_SINCE_LAST -> "Number of days since the last " + label + " event";
        };
    }

    /** Whether the value is an amount ({@code *_amount}), which a BAND template formats as a band. */
    public boolean isAmount() {
        return metric == Metric.AMOUNT;
    }

    @Override
    public String toString() {
        return name;
    }
}

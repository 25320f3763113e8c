package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.Metric;
import dev.signals.domain.catalogue.Signal;
import java.util.Objects;

/**
 * The value of one signal: a non-negative whole number, or null where CONTRACT §3.2 says so
 * (amounts without any amount, overdue days without overdue days, days since last without an
 * event). Counts are never null.
 */
public record SignalValue(Signal signal, Long value) {

    public SignalValue {
        Objects.requireNonNull(signal, "signal");
        if (value == null && (signal.metric() == Metric.COUNT || signal.metric() == Metric.INSTITUTION_COUNT)) {
            throw new IllegalArgumentException(signal.name() + " is a count and is never null");
        }
        if (value != null && value < 0) {
            throw new IllegalArgumentException(signal.name() + " is never negative, was " + value);
        }
    }
}

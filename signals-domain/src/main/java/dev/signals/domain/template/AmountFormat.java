package dev.signals.domain.template;

import dev.signals.domain.InvalidValueException;

/** How a template shows amounts: as whole numbers, or as band codes {@code A{k}} (CONTRACT §3.3). */
public enum AmountFormat {
    NUMBER,
    BAND;

    /**
     * The format spelled {@code NUMBER} or {@code BAND}.
     *
     * @throws InvalidValueException on field {@code amountFormat}
     */
    public static AmountFormat parse(String value) {
        for (AmountFormat format : values()) {
            if (format.name().equals(value)) {
                return format;
            }
        }
        throw new InvalidValueException("amountFormat", "amountFormat must be NUMBER or BAND, was "
                + (value == null ? "missing" : "'" + value + "'"));
    }
}

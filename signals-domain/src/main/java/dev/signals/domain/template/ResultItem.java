package dev.signals.domain.template;

import java.util.Objects;

/**
 * One item of a beta result (CONTRACT §2.3): the signal's name, its value — a {@link Long} when
 * {@link ValueType#NUMBER}, a band code {@link String} when {@link ValueType#STRING}, or null —
 * and the value type.
 */
public record ResultItem(String name, Object value, ValueType valueType) {

    public ResultItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        if (value != null && !(valueType == ValueType.NUMBER ? value instanceof Long : value instanceof String)) {
            throw new IllegalArgumentException(name + ": a " + valueType + " item cannot hold a "
                    + value.getClass().getSimpleName());
        }
    }
}

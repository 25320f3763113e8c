package dev.signals.domain.template;

/** The JSON type of a result item's value: an integer or a band code (CONTRACT §2.3). */
public enum ValueType {
    NUMBER,
    STRING
}

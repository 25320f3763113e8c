package dev.signals.domain.request;

import dev.signals.domain.InvalidValueException;

/**
 * Smile's signal products, as its beta API names them ({@code signalType}, CONTRACT §2.3–2.4):
 * {@code Signal1} is the phone (and here e-mail) risk signals of this catalogue, the only product
 * this service computes; {@code Signal2} and {@code Signal3} are other products of Smile's, known
 * only so that a list filtered by them is valid and empty.
 */
public enum SignalType {
    SIGNAL1("Signal1"),
    SIGNAL2("Signal2"),
    SIGNAL3("Signal3");

    private final String wireName;

    SignalType(String wireName) {
        this.wireName = wireName;
    }

    /** {@code Signal1}, {@code Signal2} or {@code Signal3}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The product named {@code Signal1}, {@code Signal2} or {@code Signal3}.
     *
     * @throws InvalidValueException on field {@code signalType} for any other name
     */
    public static SignalType parse(String name) {
        for (SignalType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new InvalidValueException("signalType", "signalType must be Signal1, Signal2 or Signal3");
    }
}

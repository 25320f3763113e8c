package dev.signals.domain.catalogue;

import dev.signals.domain.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The 14 kinds of event a lender reports, in the contract's order (CONTRACT §4). The lower-case
 * {@link #code()} is the {@code {type}} part of a signal name (CONTRACT §3.1).
 */
public enum EventType {
    MARKETING,
    APPLICATION_RECEPTION,
    APPLICATION_APPROVAL,
    APPLICATION_REJECTION,
    LOAN_DISBURSEMENT,
    REPAYMENT_REMINDER,
    SUCCESSFUL_REPAYMENT,
    OVERDUE,
    DEBT,
    CAPTCHA,
    LENDING,
    PRELOAN,
    ARBITRARY,
    OTHER;

    private static final String VALID = Arrays.stream(values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    /** The valid spellings, comma-separated, for error messages. */
    public static String validNames() {
        return VALID;
    }

    /** The lower-case code used in signal names, e.g. {@code loan_disbursement}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The words used in descriptions: the code with spaces, "marketing promotion" for marketing. */
    public String label() {
        return this == MARKETING ? "marketing promotion" : code().replace('_', ' ');
    }

    /**
     * Whether the amounts of this type are balances (the latest per institution counts) rather
     * than flows (every event's amount counts) (CONTRACT §3.2).
     */
    public boolean carriesBalance() {
        return this == OVERDUE || this == DEBT;
    }

    /**
     * The type named exactly as the contract spells it ({@code LOAN_DISBURSEMENT}).
     *
     * @throws InvalidValueException on field {@code type} listing the valid types
     */
    public static EventType parse(String value) {
        if (value == null) {
            throw new InvalidValueException("type", "type is required; one of " + VALID);
        }
        for (EventType type : values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        throw new InvalidValueException("type",
                "type must be one of " + VALID + ", was '" + value + "'");
    }
}

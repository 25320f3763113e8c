package dev.signals.domain.account;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.Text;

/**
 * The lending institution of the network an account belongs to and whose events it reports
 * (CONTRACT §1, §4, §6): 1 to 128 characters, not blank. Institution counts count distinct ids.
 */
public record InstitutionId(String value) {

    private static final int MAX_LENGTH = 128;

    public InstitutionId {
        Text.required("institutionId", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.signals.domain.account;

import dev.signals.domain.InvalidValueException;

/**
 * The opaque id of a client account (CONTRACT §1, §6): not blank, at most 40 characters. An
 * account sees only its own signal requests and consent templates.
 */
public record AccountId(String value) {

    private static final int MAX_LENGTH = 40;

    public AccountId {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new InvalidValueException("accountId",
                    "accountId must be 1 to " + MAX_LENGTH + " characters and not blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

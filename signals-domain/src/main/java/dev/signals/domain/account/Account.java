package dev.signals.domain.account;

import dev.signals.domain.InvalidValueException;

import java.time.Instant;
import java.util.Objects;

/**
 * A member of the network: one lending institution, which both reports events and asks for signals
 * (contract sections 1 and 6). Its API secret is not part of it: only a hash of the secret is stored.
 *
 * @param apiKey the public half of the credentials, sent with every client call
 */
public record Account(AccountId id, String name, InstitutionId institutionId, String apiKey, Instant createdAt) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(institutionId, "institutionId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidValueException("name", "must have 1 to 200 characters, not all of them white space");
        }
        if (apiKey == null || !apiKey.matches("[A-Za-z0-9_-]{16,64}")) {
            throw new IllegalArgumentException("an API key has 16 to 64 characters of [A-Za-z0-9_-]");
        }
    }
}

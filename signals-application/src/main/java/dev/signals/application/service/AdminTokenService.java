package dev.signals.application.service;

import dev.signals.application.port.in.AuthenticateAdminQuery;

import java.util.Objects;

/** The admin token, known only by its hash (contract section 6). */
public final class AdminTokenService implements AuthenticateAdminQuery {

    private final String tokenHash;

    /** @param tokenHash {@link Secrets#hash(String)} of the admin token */
    public AdminTokenService(String tokenHash) {
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
    }

    @Override
    public boolean isAdminToken(String token) {
        return token != null && Secrets.matches(token, tokenHash);
    }
}

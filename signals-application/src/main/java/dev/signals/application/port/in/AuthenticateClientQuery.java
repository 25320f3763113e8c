package dev.signals.application.port.in;

import dev.signals.domain.account.Account;

import java.util.Optional;

/** Whose API key and secret these are; empty for an unknown key or a wrong secret alike. */
public interface AuthenticateClientQuery {

    Optional<Account> authenticate(String apiKey, String apiSecret);
}

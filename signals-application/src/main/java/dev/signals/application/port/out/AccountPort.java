package dev.signals.application.port.out;

import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;

import java.util.Optional;

/** Stores accounts with a hash of their API secret, never the secret. */
public interface AccountPort {

    /** @throws DuplicateAccountException when the institution or the API key already has an account */
    void insert(Account account, String secretHash);

    Optional<Account> load(AccountId id);

    Optional<Credentials> loadByApiKey(String apiKey);

    /** An account and the stored hash of its secret. */
    record Credentials(Account account, String secretHash) {

        @Override
        public String toString() {
            return "Credentials[" + account + ", secretHash=***]";
        }
    }

    final class DuplicateAccountException extends RuntimeException {

        public DuplicateAccountException(String message) {
            super(message, null, false, false);
        }
    }
}

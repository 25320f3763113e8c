package dev.signals.application.port.in;

import dev.signals.domain.account.Account;

/** A created account with its API secret, which is shown this once and stored only as a hash. */
public record NewAccount(Account account, String apiSecret) {

    @Override
    public String toString() {
        return "NewAccount[" + account + ", apiSecret=***]";
    }
}

package dev.signals.adapter.persistence;

import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;

import java.time.Instant;

/** Accounts for tests whose rows need one (consent templates, settings and requests refer to theirs). */
final class TestAccounts {

    static final AccountId A = new AccountId("acc-a");
    static final AccountId B = new AccountId("acc-b");

    private TestAccounts() {
    }

    /** Inserts accounts {@link #A} and {@link #B}. */
    static void insertAAndB(Database database) {
        insert(database, A);
        insert(database, B);
    }

    static void insert(Database database, AccountId id) {
        var account = new Account(id, "Lender " + id.value(), new InstitutionId("inst-" + id.value()),
                "key_" + id.value() + "_0123456789abcdef", Instant.parse("2024-01-01T00:00:00Z"));
        new JooqAccountRepository(database).insert(account, "hash-of-" + id.value());
    }
}

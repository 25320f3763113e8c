package dev.signals.adapter.persistence;

import dev.signals.application.port.out.AccountPort;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import org.jooq.exception.DataAccessException;

import java.util.Objects;
import java.util.Optional;

import static dev.signals.adapter.persistence.jooq.Tables.ACCOUNT;

/** Accounts in the {@code account} table, with the hash of their API secret. */
final class JooqAccountRepository implements AccountPort {

    private final Statements statements;

    JooqAccountRepository(Database database) {
        this.statements = new Statements(database);
    }

    /**
     * Relies on the unique constraints on institution and API key, so that two concurrent inserts for one
     * institution cannot both succeed.
     */
    @Override
    public void insert(Account account, String secretHash) {
        Objects.requireNonNull(secretHash, "secretHash");
        try {
            statements.run(dsl -> dsl.insertInto(ACCOUNT).set(AccountMapper.toRecord(account, secretHash)).execute());
        } catch (DataAccessException e) {
            if (Statements.isUniqueViolation(e)) {
                throw new DuplicateAccountException(duplicateOf(account));
            }
            throw e;
        }
    }

    /** Which existing account the new one collided with, asked of the data rather than of the driver's message. */
    private String duplicateOf(Account account) {
        boolean institutionTaken = statements.run(dsl ->
                dsl.fetchExists(ACCOUNT, ACCOUNT.INSTITUTION_ID.eq(account.institutionId().value())));
        if (institutionTaken) {
            return "institution " + account.institutionId().value() + " already has an account";
        }
        boolean apiKeyTaken = statements.run(dsl -> dsl.fetchExists(ACCOUNT, ACCOUNT.API_KEY.eq(account.apiKey())));
        return apiKeyTaken ? "the API key of account " + account.id().value() + " already belongs to another account"
                : "an account with id " + account.id().value() + " already exists";
    }

    @Override
    public Optional<Account> load(AccountId id) {
        return statements.run(dsl -> dsl.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id.value())).fetchOptional())
                .map(AccountMapper::toAccount);
    }

    @Override
    public Optional<Credentials> loadByApiKey(String apiKey) {
        return statements.run(dsl -> dsl.selectFrom(ACCOUNT).where(ACCOUNT.API_KEY.eq(apiKey)).fetchOptional())
                .map(AccountMapper::toCredentials);
    }
}

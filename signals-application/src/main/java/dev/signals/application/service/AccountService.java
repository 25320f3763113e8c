package dev.signals.application.service;

import dev.signals.application.CommandValidation;
import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.in.AuthenticateClientQuery;
import dev.signals.application.port.in.CreateAccountCommand;
import dev.signals.application.port.in.CreateAccountUseCase;
import dev.signals.application.port.in.NewAccount;
import dev.signals.application.port.out.AccountPort;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Accounts: created by the admin with fresh credentials; clients authenticate with key and secret. */
public final class AccountService implements CreateAccountUseCase, AuthenticateClientQuery {

    /** Compared against when the key is unknown, so that an unknown key costs what a wrong secret costs. */
    private static final String NO_SUCH_HASH = Secrets.hash("no account has this secret");

    /** Known keys kept in memory at most; beyond it the cache starts over. */
    private static final int CACHED_KEYS = 10_000;

    private final AccountPort accounts;
    private final Map<String, AccountPort.Credentials> credentialsByKey = new ConcurrentHashMap<>();
    private final CommandValidation validation;
    private final Clock clock;

    public AccountService(AccountPort accounts, CommandValidation validation, Clock clock) {
        this.accounts = accounts;
        this.validation = validation;
        this.clock = clock;
    }

    @Override
    public NewAccount create(CreateAccountCommand command) {
        validation.check(command);
        String secret = Secrets.newSecret();
        Account account = new Account(
                new AccountId(Secrets.newId("acc-")),
                command.name().strip(),   // as the domain reads white space: every Unicode space, not only ASCII
                new InstitutionId(command.institutionId()),
                Secrets.newId("key_"),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            accounts.insert(account, Secrets.hash(secret));
        } catch (AccountPort.DuplicateAccountException e) {
            throw InvalidCommandException.of("institutionId", "already has an account");
        }
        return new NewAccount(account, secret);
    }

    @Override
    public Optional<Account> authenticate(String apiKey, String apiSecret) {
        if (apiKey == null || apiSecret == null || apiKey.length() > 64) {
            return Optional.empty();
        }
        Optional<AccountPort.Credentials> credentials = credentials(apiKey);
        String expected = credentials.map(AccountPort.Credentials::secretHash).orElse(NO_SUCH_HASH);
        boolean matches = Secrets.matches(apiSecret, expected);
        return matches ? credentials.map(AccountPort.Credentials::account) : Optional.empty();
    }

    /**
     * The stored credentials of a key, from memory after the first look-up: an account and its secret never
     * change, so authenticating costs one SHA-256 and no query, and no other node's write can make the memory
     * stale. Unknown keys are not remembered, so an account another node creates is found at its first use.
     */
    private Optional<AccountPort.Credentials> credentials(String apiKey) {
        AccountPort.Credentials cached = credentialsByKey.get(apiKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AccountPort.Credentials> stored = accounts.loadByApiKey(apiKey);
        stored.ifPresent(found -> {
            if (credentialsByKey.size() >= CACHED_KEYS) {
                credentialsByKey.clear();
            }
            credentialsByKey.put(apiKey, found);
        });
        return stored;
    }
}

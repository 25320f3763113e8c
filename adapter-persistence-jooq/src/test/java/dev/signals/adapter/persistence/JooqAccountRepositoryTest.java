package dev.signals.adapter.persistence;

import dev.signals.application.port.out.AccountPort;
import dev.signals.application.port.out.AccountPort.DuplicateAccountException;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static dev.signals.adapter.persistence.jooq.Tables.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JooqAccountRepositoryTest {

    private static final Account LENDER = new Account(new AccountId("acc-0123456789abcdef"), "Lender One Ñandú 貸款",
            new InstitutionId("inst-1"), "key_0123456789abcdef", Instant.parse("2024-08-09T12:55:51.123456Z"));
    private static final String HASH = "pbkdf2$210000$c2FsdA$aGFzaA";

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anInsertedAccountLoadsByIdAndByApiKeyWithItsSecretHash(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var accounts = new JooqAccountRepository(db.database());

            accounts.insert(LENDER, HASH);

            assertThat(accounts.load(LENDER.id())).contains(LENDER);
            assertThat(accounts.loadByApiKey(LENDER.apiKey())).contains(new AccountPort.Credentials(LENDER, HASH));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anUnknownIdOrApiKeyFindsNothing(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var accounts = new JooqAccountRepository(db.database());
            accounts.insert(LENDER, HASH);

            assertThat(accounts.load(new AccountId("acc-unknown"))).isEmpty();
            assertThat(accounts.loadByApiKey("key_unknown0123456")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSecondAccountForTheSameInstitutionIsADuplicateAndIsNotStored(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var accounts = new JooqAccountRepository(db.database());
            accounts.insert(LENDER, HASH);
            var sameInstitution = new Account(new AccountId("acc-other"), "Lender Two", LENDER.institutionId(),
                    "key_fedcba9876543210", LENDER.createdAt());

            assertThatThrownBy(() -> accounts.insert(sameInstitution, HASH))
                    .isInstanceOf(DuplicateAccountException.class)
                    .hasMessage("institution inst-1 already has an account");
            assertThat(accounts.load(sameInstitution.id())).isEmpty();
            assertThat(db.dsl().fetchCount(ACCOUNT)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSecondAccountWithTheSameApiKeyIsADuplicate(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var accounts = new JooqAccountRepository(db.database());
            accounts.insert(LENDER, HASH);
            var sameKey = new Account(new AccountId("acc-other"), "Lender Two", new InstitutionId("inst-2"),
                    LENDER.apiKey(), LENDER.createdAt());

            assertThatThrownBy(() -> accounts.insert(sameKey, HASH))
                    .isInstanceOf(DuplicateAccountException.class)
                    .hasMessage("the API key of account acc-other already belongs to another account");
            assertThat(db.dsl().fetchCount(ACCOUNT)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void creationTimesKeepTheirMicrosecondsAndFinerOnesAreTruncated(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            var accounts = new JooqAccountRepository(db.database());
            var nanos = new Account(new AccountId("acc-nanos"), "Nanos", new InstitutionId("inst-nanos"),
                    "key_nanos012345678", Instant.parse("2024-08-09T12:55:51.999999999Z"));
            accounts.insert(nanos, HASH);

            assertThat(accounts.load(nanos.id()).orElseThrow().createdAt())
                    .isEqualTo(Instant.parse("2024-08-09T12:55:51.999999Z"));
        }
    }
}

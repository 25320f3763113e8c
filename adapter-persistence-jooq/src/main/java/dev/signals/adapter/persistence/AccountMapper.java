package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.AccountRecord;
import dev.signals.application.port.out.AccountPort;
import dev.signals.domain.account.Account;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;

/** An {@link Account} and its secret's hash as an {@code account} row, and back. */
final class AccountMapper {

    private AccountMapper() {
    }

    static AccountRecord toRecord(Account account, String secretHash) {
        AccountRecord record = new AccountRecord();
        record.setId(account.id().value());
        record.setName(account.name());
        record.setInstitutionId(account.institutionId().value());
        record.setApiKey(account.apiKey());
        record.setSecretHash(secretHash);
        record.setCreatedAt(Timestamps.toColumn(account.createdAt()));
        return record;
    }

    static Account toAccount(AccountRecord record) {
        return new Account(
                new AccountId(record.getId()),
                record.getName(),
                new InstitutionId(record.getInstitutionId()),
                record.getApiKey(),
                Timestamps.fromColumn(record.getCreatedAt()));
    }

    static AccountPort.Credentials toCredentials(AccountRecord record) {
        return new AccountPort.Credentials(toAccount(record), record.getSecretHash());
    }
}

package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.ConsentTemplateRecord;
import dev.signals.application.port.PageCursor;
import dev.signals.application.port.out.ConsentTemplatePort;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.consent.ConsentTemplate;
import dev.signals.domain.consent.ConsentTemplateId;
import org.jooq.Condition;

import java.util.List;
import java.util.Optional;

import static dev.signals.adapter.persistence.jooq.Tables.CONSENT_TEMPLATE;

/**
 * Consent templates in the {@code consent_template} table. Every statement is scoped by {@code account_id}:
 * another account's template behaves as one that does not exist.
 */
final class JooqConsentTemplateRepository implements ConsentTemplatePort {

    private static final NewestFirst<ConsentTemplateRecord> NEWEST_FIRST =
            new NewestFirst<>(CONSENT_TEMPLATE.ACCOUNT_ID, CONSENT_TEMPLATE.CREATED_AT, CONSENT_TEMPLATE.ID);

    private final Statements statements;

    JooqConsentTemplateRepository(Database database) {
        this.statements = new Statements(database);
    }

    @Override
    public void insert(AccountId accountId, ConsentTemplate template) {
        ConsentTemplateRecord record = ConsentTemplateMapper.toRecord(accountId, template);
        statements.run(dsl -> dsl.insertInto(CONSENT_TEMPLATE).set(record).execute());
    }

    @Override
    public Optional<ConsentTemplate> load(AccountId accountId, ConsentTemplateId id) {
        return statements.run(dsl -> dsl.selectFrom(CONSENT_TEMPLATE).where(ofAccount(accountId, id)).fetchOptional())
                .map(ConsentTemplateMapper::toConsentTemplate);
    }

    @Override
    public List<ConsentTemplate> list(AccountId accountId, PageCursor after, int limit) {
        int rows = NewestFirst.checkedLimit(limit);
        return statements.run(dsl -> dsl.selectFrom(CONSENT_TEMPLATE)
                .where(CONSENT_TEMPLATE.ACCOUNT_ID.eq(accountId.value()))
                .and(NEWEST_FIRST.after(after))
                .orderBy(NEWEST_FIRST.order())
                .limit(rows)
                .fetch(ConsentTemplateMapper::toConsentTemplate));
    }

    @Override
    public boolean delete(AccountId accountId, ConsentTemplateId id) {
        return statements.run(dsl -> dsl.deleteFrom(CONSENT_TEMPLATE).where(ofAccount(accountId, id)).execute()) > 0;
    }

    private static Condition ofAccount(AccountId accountId, ConsentTemplateId id) {
        return CONSENT_TEMPLATE.ID.eq(id.value()).and(CONSENT_TEMPLATE.ACCOUNT_ID.eq(accountId.value()));
    }
}

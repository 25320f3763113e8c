package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.SignalTemplateRecord;
import dev.signals.application.port.out.SignalSettingsPort;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.template.SignalTemplate;

import java.util.List;
import java.util.Optional;

import static dev.signals.adapter.persistence.jooq.Tables.SIGNAL_SELECTION;
import static dev.signals.adapter.persistence.jooq.Tables.SIGNAL_TEMPLATE;

/**
 * An account's alpha selection ({@code signal_selection}, no row while it has the default) and its own beta
 * templates ({@code signal_template}). Saving inserts or replaces in one statement, an upsert on the primary
 * key that jOOQ renders as {@code INSERT ... ON CONFLICT DO UPDATE} on PostgreSQL and as {@code MERGE} on H2,
 * so two concurrent saves cannot both insert.
 */
final class JooqSignalSettingsRepository implements SignalSettingsPort {

    private final Statements statements;

    JooqSignalSettingsRepository(Database database) {
        this.statements = new Statements(database);
    }

    @Override
    public Optional<SignalSelection> selection(AccountId accountId) {
        return statements.run(dsl -> dsl.select(SIGNAL_SELECTION.SIGNALS)
                        .from(SIGNAL_SELECTION)
                        .where(SIGNAL_SELECTION.ACCOUNT_ID.eq(accountId.value()))
                        .fetchOptional(SIGNAL_SELECTION.SIGNALS))
                .map(TemplateColumns::selection);
    }

    @Override
    public void saveSelection(AccountId accountId, SignalSelection selection) {
        String signals = TemplateColumns.signalsColumn(selection);
        statements.run(dsl -> dsl.insertInto(SIGNAL_SELECTION)
                .set(SIGNAL_SELECTION.ACCOUNT_ID, accountId.value())
                .set(SIGNAL_SELECTION.SIGNALS, signals)
                .onConflict(SIGNAL_SELECTION.ACCOUNT_ID)
                .doUpdate()
                .set(SIGNAL_SELECTION.SIGNALS, signals)
                .execute());
    }

    @Override
    public Optional<SignalTemplate> template(AccountId accountId, String templateId) {
        return statements.run(dsl -> dsl.selectFrom(SIGNAL_TEMPLATE)
                        .where(SIGNAL_TEMPLATE.ACCOUNT_ID.eq(accountId.value()))
                        .and(SIGNAL_TEMPLATE.TEMPLATE_ID.eq(templateId))
                        .fetchOptional())
                .map(SignalSettingsMapper::toSignalTemplate);
    }

    @Override
    public List<SignalTemplate> templates(AccountId accountId) {
        return statements.run(dsl -> dsl.selectFrom(SIGNAL_TEMPLATE)
                .where(SIGNAL_TEMPLATE.ACCOUNT_ID.eq(accountId.value()))
                .orderBy(SIGNAL_TEMPLATE.TEMPLATE_ID)
                .fetch(SignalSettingsMapper::toSignalTemplate));
    }

    @Override
    public void saveTemplate(AccountId accountId, SignalTemplate template) {
        SignalTemplateRecord row = SignalSettingsMapper.toRecord(accountId, template);
        statements.run(dsl -> dsl.insertInto(SIGNAL_TEMPLATE)
                .set(row)
                .onConflict(SIGNAL_TEMPLATE.ACCOUNT_ID, SIGNAL_TEMPLATE.TEMPLATE_ID)
                .doUpdate()
                .set(SIGNAL_TEMPLATE.SIGNALS, row.getSignals())
                .set(SIGNAL_TEMPLATE.AMOUNT_FORMAT, row.getAmountFormat())
                .set(SIGNAL_TEMPLATE.AMOUNT_BANDS, row.getAmountBands())
                .execute());
    }
}

package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.SignalTemplateRecord;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.template.SignalTemplate;

/** An account's own {@link SignalTemplate} as a {@code signal_template} row, and back. */
final class SignalSettingsMapper {

    private SignalSettingsMapper() {
    }

    static SignalTemplateRecord toRecord(AccountId accountId, SignalTemplate template) {
        SignalTemplateRecord record = new SignalTemplateRecord();
        record.setAccountId(accountId.value());
        record.setTemplateId(template.id());
        record.setSignals(TemplateColumns.signalsColumn(template.signals()));
        record.setAmountFormat(TemplateColumns.formatColumn(template.amountFormat()));
        record.setAmountBands(TemplateColumns.bandsColumn(template.bands()));
        return record;
    }

    static SignalTemplate toSignalTemplate(SignalTemplateRecord record) {
        return new SignalTemplate(
                record.getTemplateId(),
                TemplateColumns.selection(record.getSignals()),
                TemplateColumns.format(record.getAmountFormat()),
                TemplateColumns.bands(record.getAmountBands()));
    }
}

package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.ConsentTemplateRecord;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.consent.ConsentTemplate;
import dev.signals.domain.consent.ConsentTemplateId;

/** A {@link ConsentTemplate} of an account as a {@code consent_template} row, and back. */
final class ConsentTemplateMapper {

    private ConsentTemplateMapper() {
    }

    static ConsentTemplateRecord toRecord(AccountId accountId, ConsentTemplate template) {
        ConsentTemplateRecord record = new ConsentTemplateRecord();
        record.setId(template.id().value());
        record.setAccountId(accountId.value());
        record.setConsentType(template.consentType());
        record.setTitle(template.title());
        record.setVersion(template.version());
        record.setConsentMethod(template.consentMethod());
        record.setConsentText(template.consentText());
        record.setCreatedAt(Timestamps.toColumn(template.createdAt()));
        return record;
    }

    static ConsentTemplate toConsentTemplate(ConsentTemplateRecord record) {
        return new ConsentTemplate(
                new ConsentTemplateId(record.getId()),
                record.getConsentType(),
                record.getTitle(),
                record.getVersion(),
                record.getConsentMethod(),
                record.getConsentText(),
                Timestamps.fromColumn(record.getCreatedAt()));
    }
}

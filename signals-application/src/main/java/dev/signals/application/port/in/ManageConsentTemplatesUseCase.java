package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;
import dev.signals.domain.consent.ConsentTemplate;

/** Create and delete the account's consent templates (contract section 5). */
public interface ManageConsentTemplatesUseCase {

    ConsentTemplate create(CreateConsentTemplateCommand command);

    /** @throws dev.signals.application.port.NotFoundException when unknown or another account's */
    void delete(AccountId accountId, String consentTemplateId);
}

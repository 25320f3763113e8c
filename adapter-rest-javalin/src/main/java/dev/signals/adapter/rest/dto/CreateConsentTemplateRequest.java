package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.CreateConsentTemplateCommand;
import dev.signals.domain.account.AccountId;

/** The body of {@code POST /v1/consentTemplates} (contract section 5). */
public record CreateConsentTemplateRequest(
        String consentType,
        String title,
        String version,
        String consentMethod,
        String consentText) {

    public CreateConsentTemplateCommand toCommand(AccountId accountId) {
        return new CreateConsentTemplateCommand(accountId, consentType, title, version, consentMethod, consentText);
    }
}

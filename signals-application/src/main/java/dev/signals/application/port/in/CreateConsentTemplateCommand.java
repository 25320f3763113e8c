package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A consent document the account stores once and refers to by id (contract section 5). */
public record CreateConsentTemplateCommand(
        @NotNull AccountId accountId,
        @NotBlank @Size(min = 1, max = 200) String consentType,
        @Size(max = 200) String title,
        @NotBlank @Size(min = 1, max = 64) String version,
        @Size(max = 200) String consentMethod,
        @NotBlank @Size(min = 1, max = 65535) String consentText) {
}

package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Admin: define or replace one of an account's beta templates (contract section 3.3). */
public record PutSignalTemplateCommand(
        @NotNull AccountId accountId,
        @NotNull @Size(max = 64) String templateId,
        @NotEmpty @Size(max = 200) List<@NotNull String> signals,
        String amountFormat,
        @Size(min = 1, max = 50) List<@NotNull Long> amountBands) {
}

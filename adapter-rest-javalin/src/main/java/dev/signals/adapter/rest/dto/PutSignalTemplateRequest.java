package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.PutSignalTemplateCommand;
import dev.signals.domain.account.AccountId;

import java.util.List;

/** The body of {@code PUT /v1/admin/accounts/{id}/templates/{templateId}} (contract section 3.3). */
public record PutSignalTemplateRequest(List<String> signals, String amountFormat, List<Long> amountBands) {

    public PutSignalTemplateCommand toCommand(AccountId accountId, String templateId) {
        return new PutSignalTemplateCommand(accountId, templateId, signals, amountFormat, amountBands);
    }
}

package dev.signals.adapter.rest;

import dev.signals.application.port.in.ApiVersion;
import dev.signals.application.port.in.RequestSignalsCommand;
import dev.signals.domain.account.AccountId;

import java.time.Instant;

/** The body of {@code POST /v1/alpha/signals} and {@code POST /v1/beta/signals} (contract section 2.1). */
record RequestSignalsRequest(
        String phone,
        String countryCode,
        String emailAddress,
        String templateId,
        ConsentRequest consent,
        Instant asOf) {

    /** {@code templateId} is passed on also for alpha, where the application refuses it with a field error. */
    RequestSignalsCommand toCommand(AccountId accountId, ApiVersion version) {
        return new RequestSignalsCommand(accountId, version, phone, countryCode, emailAddress, templateId,
                consent == null ? null : consent.toCommand(), asOf);
    }
}

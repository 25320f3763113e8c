package dev.signals.adapter.rest.dto;

import dev.signals.adapter.rest.server.ApiException;
import dev.signals.application.port.in.ApiVersion;
import dev.signals.application.port.in.RequestSignalsCommand;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;

import java.time.Instant;

/** The body of {@code POST /v1/alpha/signals} and {@code POST /v1/beta/signals} (contract section 2.1). */
public record RequestSignalsRequest(
        String phone,
        String countryCode,
        String emailAddress,
        String templateId,
        ConsentRequest consent,
        Instant asOf,
        Boolean explain) {

    /**
     * The command of a request through {@code version}: beta names its template with {@code templateId}; alpha has
     * none (its results carry the account's selection), so a {@code templateId} sent to alpha is a field error.
     * {@code idempotencyKey} is the request's {@code Idempotency-Key} header, null when it had none.
     */
    public RequestSignalsCommand toCommand(AccountId accountId, InstitutionId institutionId, ApiVersion version,
                                           String idempotencyKey) {
        if (version == ApiVersion.ALPHA && templateId != null) {
            throw ApiException.invalidField("templateId", "is a beta field; alpha requests use the account's selection");
        }
        return new RequestSignalsCommand(accountId, institutionId, version, phone, countryCode, emailAddress, templateId,
                consent == null ? null : consent.toCommand(), asOf, Boolean.TRUE.equals(explain), idempotencyKey);
    }
}

package dev.signals.adapter.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signals.domain.request.RequestMeta;

/** What the client sent with a signal request, every key present and null when not sent (contract section 2.3). */
@JsonPropertyOrder({"phone", "countryCode", "emailAddress", "templateId", "consent"})
record RequestMetaResponse(
        String phone,
        String countryCode,
        String emailAddress,
        String templateId,
        ConsentResponse consent) {

    static RequestMetaResponse of(RequestMeta meta) {
        return new RequestMetaResponse(meta.phone(), meta.countryCode(), meta.emailAddress(), meta.templateId(),
                ConsentResponse.of(meta.consent()));
    }
}

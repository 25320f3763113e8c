package dev.signals.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signals.domain.request.RequestMeta;

/**
 * What the client sent with a signal request (contract section 2.3), and nothing it did not send: a field it
 * left out is left out here too, never a {@code null} placeholder, since a client generated from Smile's schema
 * refuses fields that its variant does not have.
 */
@JsonPropertyOrder({"phone", "countryCode", "emailAddress", "templateId", "consent"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record RequestMetaResponse(
        String phone,
        String countryCode,
        String emailAddress,
        String templateId,
        ConsentResponse consent) {

    /** As sent: the alpha shape. */
    static RequestMetaResponse asSent(RequestMeta meta) {
        return answeredWith(meta, meta.templateId());
    }

    /**
     * As sent, with {@code templateId} the template the request was answered with: the beta shape, whose
     * {@code requestMeta} Smile's clients tell apart by it, also for a request that named none (or was made
     * through alpha).
     */
    static RequestMetaResponse answeredWith(RequestMeta meta, String templateId) {
        return new RequestMetaResponse(meta.phone(), meta.countryCode(), meta.emailAddress(), templateId,
                ConsentResponse.of(meta.consent()));
    }
}

package dev.signals.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signals.domain.consent.Consent;

import java.time.Instant;

/** The consent echoed in {@code requestMeta}: what was sent, the optional fields only when they were. */
@JsonPropertyOrder({"type", "version", "consentedWith", "consentedAt", "consentTemplateId"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConsentResponse(
        String type,
        String version,
        String consentedWith,
        Instant consentedAt,
        String consentTemplateId) {

    static ConsentResponse of(Consent consent) {
        return new ConsentResponse(consent.type(), consent.version(), consent.consentedWith(), consent.consentedAt(),
                consent.consentTemplateId() == null ? null : consent.consentTemplateId().value());
    }
}

package dev.signals.adapter.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signals.domain.consent.Consent;

import java.time.Instant;

/** The consent echoed in {@code requestMeta}; {@code consentTemplateId} is null unless one was named. */
@JsonPropertyOrder({"type", "version", "consentedWith", "consentedAt", "consentTemplateId"})
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

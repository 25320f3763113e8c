package dev.signals.adapter.rest;

import dev.signals.domain.consent.ConsentTemplate;

import java.time.Instant;

/** A stored consent template (contract section 5). */
record ConsentTemplateResponse(
        String id,
        String consentType,
        String title,
        String version,
        String consentMethod,
        String consentText,
        Instant createdAt) {

    static ConsentTemplateResponse of(ConsentTemplate template) {
        return new ConsentTemplateResponse(template.id().value(), template.consentType(), template.title(),
                template.version(), template.consentMethod(), template.consentText(), template.createdAt());
    }
}

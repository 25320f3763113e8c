package dev.signals.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signals.domain.consent.ConsentTemplate;

import java.time.Instant;

/** A stored consent template (contract section 5), Smile's {@code ConsentTemplate}; the optional texts only when given. */
@JsonPropertyOrder({"id", "createdAt", "consentType", "title", "version", "consentMethod", "consentText"})
public record ConsentTemplateResponse(
        String id,
        Instant createdAt,
        String consentType,
        @JsonInclude(JsonInclude.Include.NON_NULL) String title,
        String version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String consentMethod,
        String consentText) {

    public static ConsentTemplateResponse of(ConsentTemplate template) {
        return new ConsentTemplateResponse(template.id().value(), template.createdAt(), template.consentType(),
                template.title(), template.version(), template.consentMethod(), template.consentText());
    }
}

package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.ConsentCommand;

import java.time.Instant;

/** The {@code consent} object of a signal request's body (contract section 2.1). */
record ConsentRequest(
        String type,
        String version,
        String consentedWith,
        Instant consentedAt,
        String consentTemplateId) {

    ConsentCommand toCommand() {
        return new ConsentCommand(type, version, consentedWith, consentedAt, consentTemplateId);
    }
}

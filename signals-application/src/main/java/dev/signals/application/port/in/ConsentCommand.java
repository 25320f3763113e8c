package dev.signals.application.port.in;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The subject's consent as the client sent it (contract section 2.1). */
public record ConsentCommand(
        @Size(max = 200) String type,
        @Size(max = 64) String version,
        @NotBlank @Size(max = 2000) String consentedWith,
        @NotNull Instant consentedAt,
        @Size(max = 64) String consentTemplateId) {
}

package dev.signals.application.port.in;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A lending institution joining the network (contract section 6). */
public record CreateAccountCommand(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 128)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*", message = "may contain letters, digits, '.', '_', ':' and '-' and must start with a letter or digit")
        String institutionId) {
}

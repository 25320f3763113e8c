package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.CreateAccountCommand;

/** The body of {@code POST /v1/admin/accounts} (contract section 6). */
public record CreateAccountRequest(String name, String institutionId) {

    public CreateAccountCommand toCommand() {
        return new CreateAccountCommand(name, institutionId);
    }
}

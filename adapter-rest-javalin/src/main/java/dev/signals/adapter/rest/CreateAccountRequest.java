package dev.signals.adapter.rest;

import dev.signals.application.port.in.CreateAccountCommand;

/** The body of {@code POST /v1/admin/accounts} (contract section 6). */
record CreateAccountRequest(String name, String institutionId) {

    CreateAccountCommand toCommand() {
        return new CreateAccountCommand(name, institutionId);
    }
}

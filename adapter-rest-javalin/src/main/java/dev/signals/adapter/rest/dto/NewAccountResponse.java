package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.NewAccount;

import java.time.Instant;

/** A created account with its API secret, shown in this answer only (contract section 6). */
public record NewAccountResponse(
        String id,
        String name,
        String institutionId,
        String apiKey,
        String apiSecret,
        Instant createdAt) {

    public static NewAccountResponse of(NewAccount created) {
        return new NewAccountResponse(created.account().id().value(), created.account().name(),
                created.account().institutionId().value(), created.account().apiKey(), created.apiSecret(),
                created.account().createdAt());
    }

    @Override
    public String toString() {
        return "NewAccountResponse[id=" + id + ", institutionId=" + institutionId + ", apiSecret=***]";
    }
}

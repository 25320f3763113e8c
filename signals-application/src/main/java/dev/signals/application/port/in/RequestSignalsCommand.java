package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;
import dev.signals.domain.account.InstitutionId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A request for signals about one subject (contract section 2.1), by an account of {@code institutionId}. Exactly one of {@code phone} and
 * {@code emailAddress}; {@code templateId} only through beta; {@code asOf} defaults to the request's
 * creation time; {@code explain} asks for the evidence and explanation of the values (contract section 2.5).
 * {@code idempotencyKey} is the {@code Idempotency-Key} header as sent, null when there was none
 * ({@link dev.signals.domain.request.IdempotencyKey#ofHeader}).
 */
public record RequestSignalsCommand(
        @NotNull AccountId accountId,
        @NotNull InstitutionId institutionId,
        @NotNull ApiVersion version,
        @Size(max = 64) String phone,
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO-3166 alpha-2 country code such as PH") String countryCode,
        @Size(max = 254) String emailAddress,
        @Size(max = 64) String templateId,
        @NotNull @Valid ConsentCommand consent,
        Instant asOf,
        boolean explain,
        String idempotencyKey) {
}

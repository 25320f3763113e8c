package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * A page of the account's signal requests, newest first, with the filters of contract section 2.4.
 * {@code size} defaults to 10; {@code phone} is any form a signal request accepts, a national number with
 * {@code countryCode}; {@code startDate} and {@code endDate} are inclusive UTC dates on createdAt;
 * {@code signalType} (beta's filter) is {@code Signal1}, {@code Signal2} or {@code Signal3}.
 */
public record ListSignalRequestsCommand(
        @NotNull AccountId accountId,
        @Min(value = 1, message = PAGE_SIZE_RULE) @Max(value = 150, message = PAGE_SIZE_RULE) Integer size,
        @Size(max = 200) String cursor,
        @Size(max = 64) String signalId,
        @Size(max = 64) String phone,
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO-3166 alpha-2 country code such as PH") String countryCode,
        LocalDate startDate,
        LocalDate endDate,
        @Size(max = 16) String signalType) {

    public static final int DEFAULT_SIZE = 10;
    /** The one wording of the page-size rule, for every list. */
    public static final String PAGE_SIZE_RULE = "must be between 1 and 150";

    public int sizeOrDefault() {
        return size == null ? DEFAULT_SIZE : size;
    }
}

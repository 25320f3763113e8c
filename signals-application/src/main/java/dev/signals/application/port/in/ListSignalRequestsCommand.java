package dev.signals.application.port.in;

import dev.signals.domain.account.AccountId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * A page of the account's signal requests, newest first, with the filters of contract section 2.4.
 * {@code size} defaults to 10; {@code startDate} and {@code endDate} are inclusive UTC dates on createdAt.
 */
public record ListSignalRequestsCommand(
        @NotNull AccountId accountId,
        @Min(value = 1, message = PAGE_SIZE_RULE) @Max(value = 150, message = PAGE_SIZE_RULE) Integer size,
        @Size(max = 200) String cursor,
        @Size(max = 64) String signalId,
        @Size(max = 64) String phone,
        LocalDate startDate,
        LocalDate endDate) {

    public static final int DEFAULT_SIZE = 10;
    /** The one wording of the page-size rule, for every list. */
    public static final String PAGE_SIZE_RULE = "must be between 1 and 150";

    public int sizeOrDefault() {
        return size == null ? DEFAULT_SIZE : size;
    }
}

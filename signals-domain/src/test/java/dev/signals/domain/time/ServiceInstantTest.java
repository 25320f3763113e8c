package dev.signals.domain.time;

import dev.signals.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceInstantTest {

    @Test
    void aClientsInstantIsKeptToTheMicrosecondWithinTheYears1To9999() {
        assertThat(ServiceInstant.of("asOf", Instant.parse("2024-08-09T12:55:51.123456Z")).value())
                .isEqualTo(Instant.parse("2024-08-09T12:55:51.123456Z"));
        assertThat(ServiceInstant.of("asOf", ServiceInstant.EARLIEST).value()).isEqualTo(ServiceInstant.EARLIEST);
        assertThat(ServiceInstant.of("asOf", ServiceInstant.LATEST).value()).isEqualTo(ServiceInstant.LATEST);
    }

    @Test
    void aClientsInstantFinerThanAMicrosecondOrOutsideTheYearsOrMissingIsRefusedNamingItsField() {
        assertRefused("occurredAt", Instant.parse("2024-08-09T12:55:51.1234567Z"), "at most 6 fractional digits");
        assertRefused("consent.consentedAt", ServiceInstant.EARLIEST.minusNanos(1_000), "years 0001 to 9999");
        assertRefused("reportedAt", ServiceInstant.LATEST.plusNanos(1_000), "years 0001 to 9999");
        assertRefused("asOf", null, "is required");
    }

    private static void assertRefused(String field, Instant sent, String message) {
        assertThatThrownBy(() -> ServiceInstant.of(field, sent)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(field).contains(message);
        });
    }

    @Test
    void theServersClockIsCutToTheMicrosecond() {
        assertThat(ServiceInstant.now(Instant.parse("2024-08-09T12:55:51.123456789Z")).value())
                .isEqualTo(Instant.parse("2024-08-09T12:55:51.123456Z"));
    }

    @Test
    void aDateStartsItsDayInUtcWithinTheYears() {
        assertThat(ServiceInstant.startOf("startDate", LocalDate.of(2024, 8, 9)).value())
                .isEqualTo(Instant.parse("2024-08-09T00:00:00Z"));
        assertThatThrownBy(() -> ServiceInstant.startOf("endDate", LocalDate.of(10_000, 1, 1)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("endDate"));
    }
}

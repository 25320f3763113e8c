package dev.signals.adapter.rest.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link IsoInstants#format} writes exactly what {@link Instant#toString} writes. */
class IsoInstantFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-07-30T08:00:00Z", "2024-07-30T08:00:00.100Z", "2024-07-30T08:00:00.123456Z",
            "2024-07-30T08:00:00.123456789Z", "2024-07-30T08:00:00.000001Z", "2024-07-30T08:00:00.000000001Z",
            "0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"})
    void writesWhatToStringWrites(String text) {
        Instant instant = Instant.parse(text);
        assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
    }

    @Test
    void agreesWithToStringOnManyRandomInstants() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 86_400, 253_402_300_799L + 86_400);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstants.format(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
    }
}

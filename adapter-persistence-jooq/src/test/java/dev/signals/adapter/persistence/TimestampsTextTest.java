package dev.signals.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTextTest {

    private static final long EARLIEST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LATEST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void theTextOfAnInstantIsItsIsoFormToTheMicrosecond() {
        assertThat(Timestamps.toText(Instant.parse("2024-07-30T08:00:00Z"))).isEqualTo("2024-07-30T08:00:00.000000Z");
        assertThat(Timestamps.toText(Instant.parse("0001-01-01T00:00:00.000001999Z"))).isEqualTo("0001-01-01T00:00:00.000001Z");
        assertThat(Timestamps.toText(Instant.parse("9999-12-31T23:59:59.999999Z"))).isEqualTo("9999-12-31T23:59:59.999999Z");
        assertThat(Timestamps.toText(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.500000Z");
        assertThat(Timestamps.toText(null)).isNull();
    }

    @Test
    void readBackTheTextIsTheInstantTruncatedToTheMicrosecond() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(EARLIEST, LATEST + 1), random.nextInt(1_000_000_000));
            assertThat(Instant.parse(Timestamps.toText(instant))).as("%s", instant)
                    .isEqualTo(instant.truncatedTo(ChronoUnit.MICROS));
        }
    }

    @Test
    void yearsBeyondFourDigitsFallBackToTheGeneralForm() {
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(Timestamps.toText(far)).isEqualTo(far.toString());
    }
}

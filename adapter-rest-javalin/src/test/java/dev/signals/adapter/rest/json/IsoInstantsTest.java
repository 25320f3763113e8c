package dev.signals.adapter.rest.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-07-30T08:00:00Z", "2024-07-30T08:00:00.1Z", "2024-07-30T08:00:00.123456Z",
            "2024-07-30T08:00:00.123456789Z", "0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
            "2024-02-29T12:00:00Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.5Z"})
    void readsTheCommonFormAsInstantParseDoes(String text) {
        assertThat(IsoInstants.commonForm(text)).isEqualTo(Instant.parse(text));
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-07-30T08:00:00+02:00", "2024-07-30t08:00:00z", "+12024-07-30T08:00:00Z",
            "2016-12-31T23:59:60Z", "2024-07-30T24:00:00Z", "2024-07-30T08:00:00.Z"})
    void leavesOtherFormsToInstantParse(String text) {
        assertThat(IsoInstants.commonForm(text)).isNull();
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T08:00:00Z", "2024-13-01T08:00:00Z", "2024-07-30T08:60:00Z",
            "2024-07-30T08:00:00.1234567890Z", "2024-07-30 08:00:00Z", "2024-07-30T08:00:00",
            "2024-07-3OT08:00:00Z", "yesterday", ""})
    void refusesWhatInstantParseRefuses(String text) {
        assertThat(IsoInstants.commonForm(text)).isNull();
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void agreesWithInstantParseOnManyRandomTexts() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextInt(3) == 0 ? "" : "." + "123456789".substring(0, random.nextInt(10)));
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(expected);
        }
    }
}

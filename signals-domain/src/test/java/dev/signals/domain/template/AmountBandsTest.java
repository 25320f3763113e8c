package dev.signals.domain.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountBandsTest {

    @ParameterizedTest(name = "{0} is in band {1}")
    @CsvSource({"0, A0", "1, A1", "1000, A1", "1001, A2", "5000, A2", "5001, A3", "10000, A3", "50000, A4",
            "100000, A5", "100001, A6", "9223372036854775807, A6"})
    void theBandCountsTheEdgesStrictlyBelowTheValue(long value, String band) {
        assertThat(AmountBands.standard().bandOf(value)).isEqualTo(band);
    }

    @Test
    void theStandardEdgesAreTheContractsDefault() {
        assertThat(AmountBands.standard().edges()).containsExactly(0L, 1000L, 5000L, 10000L, 50000L, 100000L);
    }

    @Test
    void customEdgesCutTheSameWay() {
        AmountBands bands = new AmountBands(List.of(100L, 200L));

        assertThat(bands.bandOf(0)).isEqualTo("A0");
        assertThat(bands.bandOf(100)).isEqualTo("A0");
        assertThat(bands.bandOf(150)).isEqualTo("A1");
        assertThat(bands.bandOf(201)).isEqualTo("A2");
    }

    @Test
    void edgesAreStrictlyIncreasingNonNegativeAndAtLeastOne() {
        assertThatThrownBy(() -> new AmountBands(List.of(0L, 1000L, 1000L)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("amountBands"))
                .hasMessageContaining("strictly increasing, found 1000 then 1000");
        assertThatThrownBy(() -> new AmountBands(List.of(5000L, 1000L))).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new AmountBands(List.of(-1L, 1000L))).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new AmountBands(List.of())).hasMessageContaining("at least one");
    }
}

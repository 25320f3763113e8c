package dev.signals.domain.calculation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstitutionNumbersTest {

    private final InstitutionNumbers numbers = new InstitutionNumbers();

    @Test
    void institutionsNumbered0To63KeepTheirNumbers() {
        for (int institution = 63; institution >= 0; institution--) {
            assertThat(numbers.numberOf(institution)).isEqualTo(institution);
        }
        assertThat(numbers.bound()).isEqualTo(64);
    }

    @Test
    void otherInstitutionsAreNumberedFrom64InOrderOfFirstAppearance() {
        assertThat(numbers.numberOf(1_000)).isEqualTo(64);
        assertThat(numbers.numberOf(-1)).isEqualTo(65);
        assertThat(numbers.numberOf(5)).isEqualTo(5);
        assertThat(numbers.numberOf(1_000)).isEqualTo(64);
        assertThat(numbers.numberOf(64)).isEqualTo(66);
        assertThat(numbers.numberOf(Integer.MIN_VALUE)).isEqualTo(67);
        assertThat(numbers.numberOf(-1)).isEqualTo(65);
        assertThat(numbers.bound()).isEqualTo(68);
    }

    @Test
    void thousandsOfInstitutionsEachKeepOneNumberOfTheirOwn() {
        Random random = new Random(15);
        Map<Integer, Integer> given = new HashMap<>();
        for (int n = 0; n < 20_000; n++) {
            int institution = n % 3 == 0 ? random.nextInt(5_000) : random.nextInt();
            int number = numbers.numberOf(institution);
            assertThat(given.computeIfAbsent(institution, i -> number)).as("institution %d", institution)
                    .isEqualTo(number);
        }

        assertThat(new HashSet<>(given.values())).hasSameSizeAs(given.keySet());
        assertThat(given.values()).allMatch(number -> number >= 0 && number < numbers.bound());
    }
}

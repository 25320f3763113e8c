package dev.signals.domain.calculation;

import static dev.signals.domain.catalogue.Window.DAYS_180;
import static dev.signals.domain.catalogue.Window.DAYS_30;
import static dev.signals.domain.catalogue.Window.DAYS_90;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signals.domain.catalogue.EventType;
import org.junit.jupiter.api.Test;

class InstitutionSetsTest {

    private static final int TYPE = EventType.OVERDUE.ordinal();
    private static final int OTHER_TYPE = EventType.DEBT.ordinal();

    private final InstitutionSets sets = new InstitutionSets();

    @Test
    void aWindowWithoutEventsHasNoInstitutions() {
        assertThat(sets.count(TYPE, DAYS_180)).isZero();
    }

    @Test
    void anInstitutionCountsOnceInEachWindowThatHoldsAnyOfItsEvents() {
        sets.add(TYPE, 0, 1);
        sets.add(TYPE, 0, 1);
        sets.add(TYPE, 1, 1);
        sets.add(TYPE, 1, 2);
        sets.add(TYPE, 2, 3);
        sets.add(TYPE, AgeBuckets.OLDER, 4);

        assertThat(sets.count(TYPE, DAYS_30)).isEqualTo(1);
        assertThat(sets.count(TYPE, DAYS_90)).isEqualTo(2);
        assertThat(sets.count(TYPE, DAYS_180)).isEqualTo(3);
    }

    @Test
    void eachTypeHasItsOwnSets() {
        sets.add(TYPE, 0, 1);
        sets.add(OTHER_TYPE, 0, 2);
        sets.add(OTHER_TYPE, 0, 3);

        assertThat(sets.count(TYPE, DAYS_30)).isEqualTo(1);
        assertThat(sets.count(OTHER_TYPE, DAYS_30)).isEqualTo(2);
    }

    @Test
    void institutionsNumbered64ApartAreDistinct() {
        for (int institution : new int[] {0, 64, 128, 1_000, 1_064, 63, 127}) {
            sets.add(TYPE, 0, institution);
            sets.add(TYPE, 2, institution);
        }
        sets.add(OTHER_TYPE, 1, 5_000);

        assertThat(sets.count(TYPE, DAYS_30)).isEqualTo(7);
        assertThat(sets.count(TYPE, DAYS_180)).isEqualTo(7);
        assertThat(sets.count(OTHER_TYPE, DAYS_30)).isZero();
        assertThat(sets.count(OTHER_TYPE, DAYS_90)).isEqualTo(1);
    }
}

package dev.signals.domain.calculation;

import static dev.signals.domain.calculation.AgeBuckets.OLDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Window;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AgeBucketsTest {

    private static final long DAY = Micros.DAY;

    @Test
    void anEventAtTIsInTheFirstBucket() {
        assertThat(AgeBuckets.of(0)).isZero();
    }

    @Test
    void anEventExactlyNDaysOldIsOutsideTheNDayWindowAndAMicrosecondYoungerIsInside() {
        assertThat(AgeBuckets.of(30 * DAY - 1)).isEqualTo(0);
        assertThat(AgeBuckets.of(30 * DAY)).isEqualTo(1);
        assertThat(AgeBuckets.of(90 * DAY - 1)).isEqualTo(1);
        assertThat(AgeBuckets.of(90 * DAY)).isEqualTo(2);
        assertThat(AgeBuckets.of(180 * DAY - 1)).isEqualTo(2);
        assertThat(AgeBuckets.of(180 * DAY)).isEqualTo(OLDER);
    }

    @Test
    void theOldestEventsAreInNoWindow() {
        assertThat(AgeBuckets.of(10_000 * 366 * DAY)).isEqualTo(OLDER);
        assertThat(AgeBuckets.of(Long.MAX_VALUE)).isEqualTo(OLDER);
    }

    @Property(tries = 2000)
    void aWindowHoldsExactlyTheEventsOfItsBucketAndTheSmallerOnes(@ForAll @LongRange(min = 0, max = 400 * DAY) long age,
                                                                  @ForAll Window window) {
        boolean holds = age < window.days() * DAY;

        assertThat(AgeBuckets.of(age) <= AgeBuckets.last(window)).isEqualTo(holds);
    }

    @Test
    void everyTypeAndBucketHasASlotOfItsOwn() {
        Set<Integer> slots = new HashSet<>();
        for (EventType type : EventType.values()) {
            for (int bucket = 0; bucket < AgeBuckets.COUNT; bucket++) {
                slots.add(AgeBuckets.slot(type.ordinal(), bucket));
            }
        }

        assertThat(slots).hasSize(AgeBuckets.SLOTS).allMatch(slot -> slot >= 0 && slot < AgeBuckets.SLOTS);
    }
}

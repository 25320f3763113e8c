package dev.signals.domain.calculation;

import static dev.signals.domain.catalogue.Window.DAYS_180;
import static dev.signals.domain.catalogue.Window.DAYS_30;
import static dev.signals.domain.catalogue.Window.DAYS_90;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.catalogue.EventType;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AmountSumsTest {

    private static final int FLOW = EventType.LOAN_DISBURSEMENT.ordinal();
    private static final int OTHER_FLOW = EventType.SUCCESSFUL_REPAYMENT.ordinal();

    private final AmountSums sums = new AmountSums();

    @Test
    void aWindowWithoutAmountsHasNoSumButAnAmountOfZeroIsZero() {
        assertThat(sums.roundedSum(FLOW, DAYS_180)).isNull();

        sums.add(FLOW, 1, 0);

        assertThat(sums.roundedSum(FLOW, DAYS_30)).isNull();
        assertThat(sums.roundedSum(FLOW, DAYS_90)).isZero();
    }

    @Test
    void aWindowSumsItsBucketsAndNoWindowHoldsTheOlderOnes() {
        sums.add(FLOW, 0, 100);
        sums.add(FLOW, 1, 1_000);
        sums.add(FLOW, 2, 10_000);
        sums.add(FLOW, AgeBuckets.OLDER, 100_000);

        assertThat(sums.roundedSum(FLOW, DAYS_30)).isEqualTo(1);
        assertThat(sums.roundedSum(FLOW, DAYS_90)).isEqualTo(11);
        assertThat(sums.roundedSum(FLOW, DAYS_180)).isEqualTo(111);
    }

    @Test
    void eachTypeHasItsOwnSums() {
        sums.add(FLOW, 0, 1_00);

        assertThat(sums.roundedSum(OTHER_FLOW, DAYS_180)).isNull();
    }

    @Test
    void theSumIsRoundedHalfUpOnceAtTheEnd() {
        sums.add(FLOW, 0, 25);
        sums.add(FLOW, 0, 25);
        sums.add(OTHER_FLOW, 0, 49);
        sums.add(OTHER_FLOW, 1, 100);

        assertThat(sums.roundedSum(FLOW, DAYS_30)).as("0.25 + 0.25").isEqualTo(1);
        assertThat(sums.roundedSum(OTHER_FLOW, DAYS_30)).as("0.49").isZero();
        assertThat(sums.roundedSum(OTHER_FLOW, DAYS_90)).as("1.49").isEqualTo(1);
    }

    @Test
    void aBucketsSumBeyondALongOfCentsStaysExact() {
        long cents = Long.MAX_VALUE - 1;
        for (int n = 0; n < 3; n++) {
            sums.add(FLOW, 0, cents);
        }
        sums.add(FLOW, 0, 51);

        BigInteger exact = BigInteger.valueOf(cents).multiply(BigInteger.valueOf(3)).add(BigInteger.valueOf(51));
        assertThat(BigInteger.valueOf(sums.roundedSum(FLOW, DAYS_30)))
                .isEqualTo(exact.add(BigInteger.valueOf(50)).divide(BigInteger.valueOf(100)));
    }

    @Test
    void bucketsThatTogetherOutgrowALongOfCentsStillSumExactly() {
        long half = Long.MAX_VALUE / 2 + 1;
        sums.add(FLOW, 0, half);
        sums.add(FLOW, 1, half);

        assertThat(sums.roundedSum(FLOW, DAYS_30)).isEqualTo((half + 50) / 100);
        assertThat(BigInteger.valueOf(sums.roundedSum(FLOW, DAYS_90))).isEqualTo(BigInteger.valueOf(half)
                .multiply(BigInteger.TWO).add(BigInteger.valueOf(50)).divide(BigInteger.valueOf(100)));
    }

    @Test
    void aNegativeAmountIsRefused() {
        assertThatThrownBy(() -> sums.add(FLOW, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSumBeyondALongOfUnitsFailsOnlyTheWindowsThatHoldIt() {
        sums.add(FLOW, 0, 1);
        for (int n = 0; n < 101; n++) {
            sums.add(FLOW, 1, Long.MAX_VALUE);
        }
        sums.add(OTHER_FLOW, 0, 7_00);

        assertThat(sums.roundedSum(FLOW, DAYS_30)).isZero();
        assertThatThrownBy(() -> sums.roundedSum(FLOW, DAYS_90)).isInstanceOf(ArithmeticException.class);
        assertThat(sums.roundedSum(OTHER_FLOW, DAYS_180)).isEqualTo(7);
    }
}

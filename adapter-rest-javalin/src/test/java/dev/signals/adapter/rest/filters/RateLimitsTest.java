package dev.signals.adapter.rest.filters;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitsTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicInteger nodes = new AtomicInteger(1);
    private final RateLimits limits = new RateLimits(2, 3, 3, Duration.ofMinutes(1), now::get, nodes::get);

    @Test
    void anAccountMayBurstThenWaitsForTheRefill() {
        assertThat(limits.acquire("a")).isZero();
        assertThat(limits.acquire("a")).isZero();
        assertThat(limits.acquire("a")).isZero();

        long wait = limits.acquire("a");
        assertThat(wait).isBetween(SECOND / 2 - 1_000, SECOND / 2 + 1_000);
        assertThat(limits.acquire("b")).as("another account has its own bucket").isZero();

        now.addAndGet(SECOND / 2);
        assertThat(limits.acquire("a")).as("half a second refills one token at 2/s").isZero();
        assertThat(limits.acquire("a")).isPositive();
    }

    @Test
    void aKeyIsLockedAfterTooManyFailuresUntilItsWindowEnds() {
        limits.failed("key");
        limits.failed("key");
        assertThat(limits.lockedFor("key")).isZero();
        limits.failed("key");

        assertThat(limits.lockedFor("key")).isEqualTo(60 * SECOND);
        assertThat(limits.lockedFor("other")).isZero();
        now.addAndGet(60 * SECOND);
        assertThat(limits.lockedFor("key")).isZero();
    }

    @Test
    void aSuccessForgetsTheFailures() {
        limits.failed("key");
        limits.failed("key");
        limits.succeeded("key");
        limits.failed("key");

        assertThat(limits.lockedFor("key")).isZero();
    }

    @Test
    void aZeroRateTurnsTheLimitOff() {
        RateLimits off = new RateLimits(0, 1, 3, Duration.ofMinutes(1), now::get, nodes::get);
        for (int i = 0; i < 1_000; i++) {
            assertThat(off.acquire("a")).isZero();
        }
    }

    @Test
    void withThreeNodesAliveEachAllowsAThirdOfTheRateAndBurstSoThatTogetherTheyAllowTheRate() {
        RateLimits node = new RateLimits(30, 9, 10, Duration.ofMinutes(1), now::get, () -> 3);
        for (int i = 0; i < 3; i++) {
            assertThat(node.acquire("a")).as("a third of the burst of 9").isZero();
        }
        long wait = node.acquire("a");
        assertThat(wait).as("a third of 30/s: one token every 100 ms").isBetween(SECOND / 10 - 1_000, SECOND / 10 + 1_000);
        now.addAndGet(SECOND);
        for (int i = 0; i < 3; i++) {
            assertThat(node.acquire("a")).as("the bucket holds a third of the burst at most").isZero();
        }
        assertThat(node.acquire("a")).isPositive();
    }

    @Test
    void withThreeNodesAliveEachLocksAKeyAfterItsShareOfTheWrongSecrets() {
        nodes.set(3);   // 3 attempts in all: ceil(3 / 3) = 1 here, at most 3 + 3 - 1 = 5 over the deployment
        limits.failed("key");
        assertThat(limits.lockedFor("key")).isEqualTo(60 * SECOND);
        nodes.set(1);
        assertThat(limits.lockedFor("key")).as("alone again, the node allows the whole limit").isZero();
    }
}

package dev.signals.adapter.persistence;

import dev.signals.application.port.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node whose database is gone refuses at once, probes now and then, and lets everything through once it answers. */
class ReachabilityTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Reachability reachability = new Reachability(now::get);
    private final StorageUnavailableException lost = new StorageUnavailableException("connection refused", null);

    @Test
    void aReachableDatabaseLetsEveryCallThrough() {
        for (int i = 0; i < 3; i++) {
            assertThatCode(reachability::enter).doesNotThrowAnyException();
            reachability.reached();
        }
        assertThat(reachability.isUnreachable()).isFalse();
    }

    @Test
    void afterAFailureCallsAreRefusedAtOnceUntilTheProbeIntervalThenOneProbesPerInterval() {
        reachability.unreachable(lost, reachability.enter());

        assertThatThrownBy(reachability::enter).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("connection refused").hasCause(lost);
        later(Reachability.PROBE_INTERVAL_MILLIS);
        long probe = reachability.enter();
        assertThatThrownBy(reachability::enter).as("while the probe runs").isInstanceOf(StorageUnavailableException.class);
        later(Reachability.PROBE_INTERVAL_MILLIS);
        long second = reachability.enter(); // the first probe has not come back: it does not hold the others off
        assertThatThrownBy(reachability::enter).as("one probe per interval").isInstanceOf(StorageUnavailableException.class);

        reachability.unreachable(lost, second);
        reachability.unreachable(lost, probe);
        assertThatThrownBy(reachability::enter).as("a failed probe waits an interval again")
                .isInstanceOf(StorageUnavailableException.class);
        later(Reachability.PROBE_INTERVAL_MILLIS);
        reachability.enter();
        reachability.reached();

        assertThat(reachability.isUnreachable()).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThatCode(reachability::enter).as("everyone again once the probe got through").doesNotThrowAnyException();
            reachability.reached();
        }
    }

    @Test
    void aCallThatBeganBeforeTheDatabaseCameBackCannotSayItIsGoneAgain() {
        reachability.unreachable(lost, reachability.enter());
        later(Reachability.PROBE_INTERVAL_MILLIS);
        long probe = reachability.enter();
        reachability.reached();

        reachability.unreachable(lost, probe); // entered before the recovery its own success made
        assertThat(reachability.isUnreachable()).isFalse();
        reachability.unreachable(lost, reachability.enter());
        assertThat(reachability.isUnreachable()).as("a call of this generation still can").isTrue();
    }

    private void later(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}

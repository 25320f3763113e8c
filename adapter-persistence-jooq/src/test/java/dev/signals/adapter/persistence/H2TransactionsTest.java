package dev.signals.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The horizon of H2's journal transactions: the lowest number still running, or the next one when none is. */
class H2TransactionsTest {

    @Test
    void numbersGoOnAfterTheHighestStoredAndTheHorizonIsTheNextWhenNoneRuns() {
        var transactions = new H2Transactions(41);
        assertThat(transactions.horizon()).isEqualTo(42);
        assertThat(transactions.<Long>numbered(number -> number)).isEqualTo(42);
        assertThat(transactions.<Long>numbered(number -> number)).isEqualTo(43);
        assertThat(transactions.horizon()).isEqualTo(44);
    }

    @Test
    void theHorizonStaysAtTheLowestRunningNumberWhateverOrderTheyEndIn() throws Exception {
        var transactions = new H2Transactions(0);
        var firstRunning = new CountDownLatch(1);
        var firstMayEnd = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> transactions.numbered(number -> {
            firstRunning.countDown();
            await(firstMayEnd);
            return number;
        }));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();

        long second = transactions.numbered(number -> {
            assertThat(transactions.horizon()).as("both running").isEqualTo(1);
            return number;
        });
        assertThat(second).isEqualTo(2);
        assertThat(transactions.horizon()).as("the second has ended, the first runs on").isEqualTo(1);

        firstMayEnd.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(transactions.horizon()).isEqualTo(3);
    }

    @Test
    void aTransactionThatThrowsEndsAndHoldsNothingBack() {
        var transactions = new H2Transactions(7);
        assertThatThrownBy(() -> transactions.numbered(number -> {
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(transactions.horizon()).as("8 was given and ended").isEqualTo(9);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

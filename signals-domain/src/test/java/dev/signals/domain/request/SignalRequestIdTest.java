package dev.signals.domain.request;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SignalRequestIdTest {

    private static final Instant T = Instant.parse("2026-11-22T05:00:00.123456Z");

    @Test
    void aTimeOrderedIdHasTheContractsShapeAndTheLayoutOfAVersion7Uuid() {
        SignalRequestId id = SignalRequestId.timeOrdered(T, new SplittableRandom(1));

        assertThat(id.value()).matches("signal-[0-9a-f]{32}");
        String hex = id.value().substring("signal-".length());
        assertThat(Long.parseLong(hex.substring(0, 12), 16)).isEqualTo(T.toEpochMilli());
        assertThat(hex.charAt(12)).isEqualTo('7');
        assertThat(hex.charAt(16)).isIn('8', '9', 'a', 'b');
    }

    @Test
    void idsMadeInLaterMillisecondsSortAfterAndIdsOfOneMillisecondDiffer() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> made = new ArrayList<>();
        for (int ms = 0; ms < 1_000; ms++) {
            made.add(SignalRequestId.timeOrdered(T.plusMillis(ms), random).value());
        }
        assertThat(made).isSorted();

        var sameMillisecond = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            sameMillisecond.add(SignalRequestId.timeOrdered(T, random).value());
        }
        assertThat(sameMillisecond).hasSize(10_000);
    }
}

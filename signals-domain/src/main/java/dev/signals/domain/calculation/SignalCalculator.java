package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.catalogue.Window;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Computes signal values as CONTRACT §3.2 says, in one pass over a subject's events.
 *
 * <p>With {@code T = asOf}, an event is known at T when {@code occurredAt <= T},
 * {@code reportedAt <= T} and it was not retracted at or before T; only known events of the signal's type count, and for an N-day signal
 * only those in its window, {@code T - N*24h < occurredAt <= T}. The values are then, per
 * {@link #valueOf}: the number of such events; the number of distinct institutions among them; the
 * sum of their amounts for flows, of each institution's latest balance for OVERDUE and DEBT, rounded
 * half-up at the end, null when none carries an amount; the largest overdue days of OVERDUE events
 * (with autoRepayment for the autorepayment days), null when none has them; and the whole days since
 * the latest known event of the type at any distance, null when there is none.
 *
 * <p>The pass ({@link Tally}) reads each event once, and keeps per event type and age bucket what the
 * values need ({@link AgeBuckets}, {@link InstitutionSets}, {@link AmountSums},
 * {@link LatestBalances}); {@link SignalRule} states the same rule event by event, and the tests
 * hold the two to the same answers. The calculator is stateless and thread-safe.
 */
public final class SignalCalculator {

    /**
     * The values of {@code selection}'s signals for the subject whose events are {@code history},
     * as they were at {@code asOf}.
     *
     * @throws ArithmeticException if a requested amount does not fit in a long (about 9.2e18 units)
     */
    public CalculationResult calculate(EventHistory history, Instant asOf, SignalSelection selection) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(selection, "selection");
        Tally tally = Tally.of(history, Micros.of(Objects.requireNonNull(asOf, "asOf")));
        List<Signal> signals = selection.signals();
        SignalValue[] values = new SignalValue[signals.size()];
        for (int s = 0; s < values.length; s++) {
            values[s] = new SignalValue(signals.get(s), valueOf(signals.get(s), tally));
        }
        return CalculationResult.inCatalogueOrder(tally.anyKnown(), values);
    }

    /** What the signal's value means (CONTRACT §3.2), read from the tally of the known events. */
    private static Long valueOf(Signal signal, Tally tally) {
        return switch (signal.metric()) {
            case COUNT -> (long) tally.count(signal.eventType(), window(signal));
            case INSTITUTION_COUNT -> (long) tally.institutionCount(signal.eventType(), window(signal));
            case AMOUNT -> tally.amount(signal.eventType(), window(signal));
            case OVERDUE_DAYS -> tally.largestOverdueDays(window(signal));
            case OVERDUE_AUTOREPAYMENT_DAYS -> tally.largestAutoRepaymentDays(window(signal));
            case DAYS_SINCE_LAST -> tally.daysSinceLast(signal.eventType());
        };
    }

    private static Window window(Signal signal) {
        return signal.window().orElseThrow();
    }
}

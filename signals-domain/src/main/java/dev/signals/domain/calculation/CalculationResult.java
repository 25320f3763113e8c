package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a calculation: whether the subject has any event known at {@code asOf} (which
 * decides SUCCESS versus NO_DATA, CONTRACT §2.2), and one value per requested signal in
 * catalogue order.
 */
public final class CalculationResult {

    private final boolean hasData;
    private final List<SignalValue> values;

    private CalculationResult(boolean hasData, List<SignalValue> values) {
        this.hasData = hasData;
        this.values = values;
    }

    private static List<SignalValue> inOrder(List<SignalValue> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i - 1).signal().position() >= values.get(i).signal().position()) {
                throw new IllegalArgumentException("values must be in catalogue order without repetition");
            }
        }
        return values;
    }

    /**
     * A result as calculated or as restored from storage.
     *
     * @param values one per signal, in catalogue order
     */
    public static CalculationResult of(boolean hasData, List<SignalValue> values) {
        return new CalculationResult(hasData, inOrder(List.copyOf(Objects.requireNonNull(values, "values"))));
    }

    /**
     * The calculator's result, whose values are a selection's signals and so in catalogue order
     * already: the one copy {@code List.of} makes is the only one.
     */
    static CalculationResult inCatalogueOrder(boolean hasData, SignalValue[] values) {
        return new CalculationResult(hasData, List.of(values));
    }

    /** Whether at least one event of the subject is known at {@code asOf}. */
    public boolean hasData() {
        return hasData;
    }

    /** One value per requested signal, in catalogue order. */
    public List<SignalValue> values() {
        return values;
    }

    /** The signals that have a value here, in catalogue order. */
    public List<Signal> signals() {
        List<Signal> signals = new ArrayList<>(values.size());
        values.forEach(v -> signals.add(v.signal()));
        return signals;
    }

    /** Whether the values are exactly those of {@code selection}'s signals. */
    public boolean covers(SignalSelection selection) {
        return signals().equals(selection.signals());
    }

    /**
     * The value of {@code signal}, null where the contract says null.
     *
     * @throws IllegalArgumentException when the signal was not calculated
     */
    public Long valueOf(Signal signal) {
        for (SignalValue value : values) {
            if (value.signal().equals(signal)) {
                return value.value();
            }
        }
        throw new IllegalArgumentException(signal.name() + " was not calculated");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CalculationResult that && hasData == that.hasData && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hasData, values);
    }

    @Override
    public String toString() {
        return "CalculationResult[hasData=" + hasData + ", values=" + values + "]";
    }
}

package dev.signals.domain.catalogue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A non-empty set of catalogue signals in catalogue order: an account's selection or a template's
 * signals (CONTRACT §3.3). Build one with {@link SignalCatalogue#select(Collection)} or
 * {@link #of(Collection)}.
 */
public final class SignalSelection {

    /** More than the catalogue's positions; a larger one (a catalogue of tests) grows the array. */
    private static final int POSITIONS = 128;

    private final List<Signal> signals;
    private final BitSet positions;

    SignalSelection(Collection<Signal> signals) {
        Objects.requireNonNull(signals, "signals");
        // Placed by position, which orders the catalogue: no hashing or sorting (a stored request's template is read
        // back this way for every row of a list page).
        Signal[] byPosition = new Signal[POSITIONS];
        BitSet bits = new BitSet(POSITIONS);
        for (Signal signal : signals) {
            int position = Objects.requireNonNull(signal, "signal").position();
            if (position >= byPosition.length) {
                byPosition = Arrays.copyOf(byPosition, position + 1);
            }
            if (byPosition[position] != null && !byPosition[position].equals(signal)) {
                throw new IllegalArgumentException("two different signals share a position: " + signals);
            }
            byPosition[position] = signal;
            bits.set(position);
        }
        if (bits.isEmpty()) {
            throw new IllegalArgumentException("a signal selection needs at least one signal");
        }
        Signal[] inOrder = new Signal[bits.cardinality()];
        int next = 0;
        for (int position = bits.nextSetBit(0); position >= 0; position = bits.nextSetBit(position + 1)) {
            inOrder[next++] = byPosition[position];
        }
        this.signals = List.of(inOrder);
        this.positions = bits;
    }

    /** The selection of these catalogue signals, in catalogue order, repetitions collapsed. */
    public static SignalSelection of(Collection<Signal> signals) {
        return new SignalSelection(signals);
    }

    /** The signals in catalogue order. */
    public List<Signal> signals() {
        return signals;
    }

    /** The names in catalogue order. */
    public List<String> names() {
        return signals.stream().map(Signal::name).toList();
    }

    public int size() {
        return signals.size();
    }

    public boolean contains(Signal signal) {
        return positions.get(signal.position());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignalSelection that && signals.equals(that.signals);
    }

    @Override
    public int hashCode() {
        return signals.hashCode();
    }

    @Override
    public String toString() {
        return names().toString();
    }
}

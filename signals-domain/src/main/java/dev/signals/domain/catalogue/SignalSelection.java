package dev.signals.domain.catalogue;

import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A non-empty set of catalogue signals in catalogue order: an account's selection or a template's
 * signals (CONTRACT §3.3). Build one with {@link SignalCatalogue#select(Collection)} or
 * {@link #of(Collection)}.
 */
public final class SignalSelection {

    private final List<Signal> signals;
    private final BitSet positions;

    SignalSelection(Collection<Signal> signals) {
        Objects.requireNonNull(signals, "signals");
        BitSet bits = new BitSet();
        for (Signal signal : signals) {
            bits.set(Objects.requireNonNull(signal, "signal").position());
        }
        if (bits.isEmpty()) {
            throw new IllegalArgumentException("a signal selection needs at least one signal");
        }
        this.signals = signals.stream().distinct().sorted(Comparator.comparingInt(Signal::position)).toList();
        if (this.signals.size() != bits.cardinality()) {
            throw new IllegalArgumentException("two different signals share a position: " + signals);
        }
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

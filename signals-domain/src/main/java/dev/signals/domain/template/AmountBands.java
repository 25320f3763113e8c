package dev.signals.domain.template;

import dev.signals.domain.InvalidValueException;
import java.util.List;

/**
 * The ascending edges that cut amounts into bands (CONTRACT §3.3): strictly increasing
 * non-negative whole numbers, by default {@code [0, 1000, 5000, 10000, 50000, 100000]}. An amount's
 * band is {@code A{k}}, k the number of edges strictly less than the amount: with the default
 * edges 0 is A0, 1000 is A1 and 1001 is A2.
 */
public record AmountBands(List<Long> edges) {

    private static final AmountBands STANDARD = new AmountBands(List.of(0L, 1000L, 5000L, 10000L, 50000L, 100000L));

    public AmountBands {
        if (edges == null || edges.isEmpty()) {
            throw new InvalidValueException("amountBands", "amountBands must list at least one edge");
        }
        edges = List.copyOf(edges);
        for (int i = 0; i < edges.size(); i++) {
            long edge = edges.get(i);
            if (edge < 0) {
                throw new InvalidValueException("amountBands", "amountBands edges must be >= 0, found " + edge);
            }
            if (i > 0 && edge <= edges.get(i - 1)) {
                throw new InvalidValueException("amountBands",
                        "amountBands edges must be strictly increasing, found " + edges.get(i - 1) + " then " + edge);
            }
        }
    }

    /** {@code [0, 1000, 5000, 10000, 50000, 100000]}. */
    public static AmountBands standard() {
        return STANDARD;
    }

    /** {@code A} and the number of edges strictly less than {@code value}. */
    public String bandOf(long value) {
        int below = 0;
        while (below < edges.size() && edges.get(below) < value) {
            below++;
        }
        return "A" + below;
    }
}

package dev.signals.adapter.persistence;

import java.util.Arrays;
import java.util.List;

/**
 * The text form of the short lists some columns hold (signal names, band edges, values): the elements joined
 * with commas. Empty elements are kept ({@code "3,,5"} is three elements, the second empty), so a null value
 * survives the round trip as an empty element.
 */
final class CommaSeparated {

    private CommaSeparated() {
    }

    /** @throws IllegalArgumentException for an empty list or an element that holds a comma */
    static String join(List<String> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("an empty list has no comma-separated form");
        }
        for (String element : elements) {
            if (element.indexOf(',') >= 0) {
                throw new IllegalArgumentException("a comma-separated element may not hold a comma: '" + element + "'");
            }
        }
        return String.join(",", elements);
    }

    static List<String> split(String text) {
        return Arrays.asList(text.split(",", -1));
    }
}

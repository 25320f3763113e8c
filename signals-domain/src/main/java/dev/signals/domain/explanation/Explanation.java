package dev.signals.domain.explanation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why an explained request's values are what they are (CONTRACT §2.5): the {@link Evidence} they rest on, at most
 * {@link #MAX_EVIDENCE} events, and per returned signal, in the request's order, the refs of the events that
 * produced its value (empty where none did). {@code truncated} when more events would have been needed: the lists
 * then name only refs in {@code evidence}.
 */
public record Explanation(List<Evidence> evidence, Map<String, List<String>> refs, boolean truncated) {

    public static final int MAX_EVIDENCE = 1_000;

    public Explanation {
        evidence = List.copyOf(evidence);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        refs.forEach((signal, list) -> copy.put(Objects.requireNonNull(signal, "signal"), List.copyOf(list)));
        refs = Collections.unmodifiableMap(copy);
        if (evidence.size() > MAX_EVIDENCE) {
            throw new IllegalArgumentException("an explanation shows at most " + MAX_EVIDENCE + " events, not " + evidence.size());
        }
        for (int i = 0; i < evidence.size(); i++) {
            if (position(evidence.get(i).ref()) != i + 1) {
                throw new IllegalArgumentException("evidence " + i + " must be e" + (i + 1) + ", was " + evidence.get(i).ref());
            }
        }
        for (Map.Entry<String, List<String>> entry : refs.entrySet()) {
            for (String ref : entry.getValue()) {
                int position = position(ref);
                if (position < 1 || position > evidence.size()) {
                    throw new IllegalArgumentException(entry.getKey() + " names " + ref + ", which is not in the evidence");
                }
            }
        }
    }

    /** The n of a ref {@code en} (from 1, without leading zeros), or -1 when it is not one. */
    private static int position(String ref) {
        if (ref.length() < 2 || ref.length() > 10 || ref.charAt(0) != 'e' || ref.charAt(1) == '0') {
            return -1;
        }
        int n = 0;
        for (int i = 1; i < ref.length(); i++) {
            char digit = ref.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            n = n * 10 + (digit - '0');
        }
        return n;
    }
}

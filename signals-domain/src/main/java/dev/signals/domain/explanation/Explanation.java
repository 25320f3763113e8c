package dev.signals.domain.explanation;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
        Set<String> known = new HashSet<>();
        for (int i = 0; i < evidence.size(); i++) {
            String expected = "e" + (i + 1);
            if (!evidence.get(i).ref().equals(expected)) {
                throw new IllegalArgumentException("evidence " + i + " must be " + expected + ", was " + evidence.get(i).ref());
            }
            known.add(expected);
        }
        for (Map.Entry<String, List<String>> entry : refs.entrySet()) {
            for (String ref : entry.getValue()) {
                if (!known.contains(ref)) {
                    throw new IllegalArgumentException(entry.getKey() + " names " + ref + ", which is not in the evidence");
                }
            }
        }
    }
}

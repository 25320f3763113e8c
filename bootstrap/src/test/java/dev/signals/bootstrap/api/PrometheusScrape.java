package dev.signals.bootstrap.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of {@code GET /metrics} in Prometheus' text format 0.0.4, parsed into its samples: each line
 * {@code name{label="value",...} number} is one series, keyed by its name and its labels in any order.
 * Label values are unescaped ({@code \\}, {@code \"}, {@code \n}); a line the format does not allow fails
 * the parse instead of being skipped.
 */
final class PrometheusScrape {

    private final Map<Series, Double> samples;
    private final Map<String, String> types;

    record Series(String name, Map<String, String> labels) {
    }

    private PrometheusScrape(Map<Series, Double> samples, Map<String, String> types) {
        this.samples = Collections.unmodifiableMap(samples);
        this.types = Collections.unmodifiableMap(types);
    }

    static PrometheusScrape parse(String text) {
        Map<Series, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring("# TYPE ".length()).split(" ");
                types.put(parts[0], parts[1]);
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Sample sample = new LineReader(line).sample();
            if (samples.put(sample.series(), sample.value()) != null) {
                throw new IllegalArgumentException("series twice in one scrape: " + line);
            }
        }
        return new PrometheusScrape(samples, types);
    }

    /** The sample of the series with exactly these labels ({@code "name", "value", ...}); null when absent. */
    Double value(String name, String... labels) {
        return samples.get(new Series(name, labels(labels)));
    }

    /** As {@link #value}, but 0 for a series not (yet) there: a counter no one has touched. */
    double valueOrZero(String name, String... labels) {
        Double value = value(name, labels);
        return value == null ? 0 : value;
    }

    /** Whether any series of this metric name is there. */
    boolean has(String name) {
        return samples.keySet().stream().anyMatch(series -> series.name().equals(name));
    }

    /** The series of this name whose labels include these, with their samples. */
    Map<Map<String, String>, Double> seriesOf(String name, String... labels) {
        Map<String, String> wanted = labels(labels);
        Map<Map<String, String>, Double> found = new LinkedHashMap<>();
        samples.forEach((series, value) -> {
            if (series.name().equals(name) && series.labels().entrySet().containsAll(wanted.entrySet())) {
                found.put(series.labels(), value);
            }
        });
        return found;
    }

    String typeOf(String family) {
        return types.get(family);
    }

    int size() {
        return samples.size();
    }

    private static Map<String, String> labels(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    private record Sample(Series series, double value) {
    }

    /** Reads one sample line, character by character, as the format's grammar has it. */
    private static final class LineReader {

        private final String line;
        private int at;

        LineReader(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = name();
            Map<String, String> labels = new TreeMap<>();
            if (peek() == '{') {
                at++;
                while (peek() != '}') {
                    String label = name();
                    expect('=');
                    expect('"');
                    labels.put(label, quoted());
                    if (peek() == ',') {
                        at++;
                    }
                }
                at++;
            }
            expect(' ');
            String rest = line.substring(at).trim();
            String number = rest.contains(" ") ? rest.substring(0, rest.indexOf(' ')) : rest;
            return new Sample(new Series(name, labels), number(number));
        }

        private String name() {
            int start = at;
            while (at < line.length() && (Character.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '_' || line.charAt(at) == ':')) {
                at++;
            }
            if (start == at) {
                throw fail("a name");
            }
            return line.substring(start, at);
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    char escaped = next();
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
        }

        private static double number(String text) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        }

        private char peek() {
            if (at >= line.length()) {
                throw fail("more");
            }
            return line.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw fail("'" + c + "'");
            }
        }

        private IllegalArgumentException fail(String expected) {
            return new IllegalArgumentException("expected " + expected + " at column " + at + " of: " + line);
        }
    }
}

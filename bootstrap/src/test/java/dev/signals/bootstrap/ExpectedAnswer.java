package dev.signals.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An answer as the README shows it in a comment after a command: JSON in which {@code ...} or {@code …} stands
 * for what is left out. Read loosely, as a reader reads it:
 * <ul>
 *   <li>an object lists some of the answer's fields ({@code ...} among its members changes nothing), each with
 *       the value shown;</li>
 *   <li>an array lists all of the answer's elements, in order; with a {@code ...} element, some of them, in
 *       order;</li>
 *   <li>a string with {@code ...} or {@code …} in it matches any text in their place ({@code "signal-..."},
 *       {@code "…"});</li>
 *   <li>numbers are compared by value ({@code 1521} matches {@code 1521.0}), other values exactly.</li>
 * </ul>
 */
final class ExpectedAnswer {

    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String text;
    private final Object expected;

    private ExpectedAnswer(String text, Object expected) {
        this.text = text;
        this.expected = expected;
    }

    /** @throws IllegalArgumentException saying where the text is not JSON with ellipses */
    static ExpectedAnswer parse(String text) {
        Parser parser = new Parser(text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.at < text.length()) {
            throw parser.error("text after the value");
        }
        return new ExpectedAnswer(text, value);
    }

    String text() {
        return text;
    }

    /** What in {@code actual} differs from this, one line each with its JSON pointer; empty when it matches. */
    List<String> mismatches(JsonNode actual) {
        List<String> found = new ArrayList<>();
        match(expected, actual, "", found);
        return found;
    }

    private static void match(Object expected, JsonNode actual, String path, List<String> found) {
        String where = path.isEmpty() ? "/" : path;
        if (expected instanceof Map<?, ?> members) {
            if (!actual.isObject()) {
                found.add(where + ": expected an object, was " + actual);
                return;
            }
            members.forEach((name, value) -> {
                if (!actual.has((String) name)) {
                    found.add(path + "/" + name + ": missing");
                } else {
                    match(value, actual.get((String) name), path + "/" + name, found);
                }
            });
        } else if (expected instanceof ExpectedArray array) {
            if (!actual.isArray()) {
                found.add(where + ": expected an array, was " + actual);
            } else if (!array.open()) {
                if (actual.size() != array.elements().size()) {
                    found.add(where + ": expected " + array.elements().size() + " elements, was " + actual.size() + ": " + actual);
                } else {
                    for (int i = 0; i < actual.size(); i++) {
                        match(array.elements().get(i), actual.get(i), path + "/" + i, found);
                    }
                }
            } else {
                int next = 0;
                for (Object element : array.elements()) {
                    while (next < actual.size() && !matches(element, actual.get(next), path + "/" + next)) {
                        next++;
                    }
                    if (next == actual.size()) {
                        found.add(where + ": no element (in order) matches " + element + " in " + actual);
                        return;
                    }
                    next++;
                }
            }
        } else if (expected instanceof Pattern pattern) {
            if (!actual.isTextual() || !pattern.matcher(actual.asText()).matches()) {
                found.add(where + ": expected a string like " + pattern + ", was " + actual);
            }
        } else if (expected instanceof String string) {
            if (!actual.isTextual() || !actual.asText().equals(string)) {
                found.add(where + ": expected \"" + string + "\", was " + actual);
            }
        } else if (expected instanceof BigDecimal number) {
            if (!actual.isNumber() || actual.decimalValue().compareTo(number) != 0) {
                found.add(where + ": expected " + number + ", was " + actual);
            }
        } else if (expected instanceof Boolean bool) {
            if (!actual.isBoolean() || actual.booleanValue() != bool) {
                found.add(where + ": expected " + bool + ", was " + actual);
            }
        } else if (expected == NULL) {
            if (!actual.isNull()) {
                found.add(where + ": expected null, was " + actual);
            }
        } else {
            throw new IllegalStateException("unknown expectation " + expected);
        }
    }

    private static boolean matches(Object expected, JsonNode actual, String path) {
        List<String> found = new ArrayList<>();
        match(expected, actual, path, found);
        return found.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private record ExpectedArray(List<Object> elements, boolean open) {
        @Override
        public String toString() {
            return elements + (open ? " (and others)" : "");
        }
    }

    /** JSON, with {@code ...} or {@code …} allowed as an object member, an array element, and inside strings. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            if (at >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(at);
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '"') {
                return string();
            }
            if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return NULL;
            }
            return number();
        }

        private Map<String, Object> object() {
            Map<String, Object> members = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (peek('}')) {
                at++;
                return members;
            }
            while (true) {
                skipSpace();
                if (!ellipsis()) {
                    if (!peek('"')) {
                        throw error("a member name or an ellipsis");
                    }
                    Object name = string();
                    if (!(name instanceof String key)) {
                        throw error("a member name without an ellipsis");
                    }
                    skipSpace();
                    expect(':');
                    members.put(key, value());
                }
                skipSpace();
                if (peek(',')) {
                    at++;
                } else {
                    expect('}');
                    return members;
                }
            }
        }

        private ExpectedArray array() {
            List<Object> elements = new ArrayList<>();
            boolean open = false;
            at++;
            skipSpace();
            if (peek(']')) {
                at++;
                return new ExpectedArray(elements, false);
            }
            while (true) {
                skipSpace();
                if (ellipsis()) {
                    open = true;
                } else {
                    elements.add(value());
                }
                skipSpace();
                if (peek(',')) {
                    at++;
                } else {
                    expect(']');
                    return new ExpectedArray(List.copyOf(elements), open);
                }
            }
        }

        /** A String, or a Pattern when the string has an ellipsis in it. */
        private Object string() {
            StringBuilder literal = new StringBuilder();
            StringBuilder regex = new StringBuilder();
            boolean elided = false;
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw error("the end of the string");
                }
                char c = text.charAt(at);
                if (c == '"') {
                    at++;
                    break;
                }
                int elision = text.startsWith("...", at) ? 3 : c == '…' ? 1 : 0;
                if (elision > 0) {
                    regex.append(Pattern.quote(literal.toString())).append(".*");
                    literal.setLength(0);
                    elided = true;
                    at += elision;
                    continue;
                }
                if (c == '\\') {
                    char escaped = text.charAt(at + 1);
                    switch (escaped) {
                        case 'n' -> literal.append('\n');
                        case 't' -> literal.append('\t');
                        case 'r' -> literal.append('\r');
                        case 'b' -> literal.append('\b');
                        case 'f' -> literal.append('\f');
                        case 'u' -> {
                            literal.append((char) Integer.parseInt(text.substring(at + 2, at + 6), 16));
                            at += 4;
                        }
                        default -> literal.append(escaped);
                    }
                    at += 2;
                    continue;
                }
                literal.append(c);
                at++;
            }
            if (!elided) {
                return literal.toString();
            }
            regex.append(Pattern.quote(literal.toString()));
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }

        private BigDecimal number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            try {
                return new BigDecimal(text.substring(start, at));
            } catch (NumberFormatException e) {
                at = start;
                throw error("a value");
            }
        }

        private boolean ellipsis() {
            if (text.startsWith("...", at)) {
                at += 3;
                return true;
            }
            if (peek('…')) {
                at++;
                return true;
            }
            return false;
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "'");
            }
            at++;
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        IllegalArgumentException error(String wanted) {
            return new IllegalArgumentException("expected " + wanted + " at character " + (at + 1) + " of: " + text);
        }
    }
}

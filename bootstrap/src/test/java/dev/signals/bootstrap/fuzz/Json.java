package dev.signals.bootstrap.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JSON document as a hostile client writes it. Unlike a real JSON library it can hold duplicate keys,
 * tokens that are not JSON ({@code NaN}, {@code 1e999999999}, {@code +1}) and strings with lone UTF-16
 * surrogates, which it writes as the escapes {@code \ud800} a client in another language would send.
 */
sealed interface Json {

    /** The document's text; its UTF-8 bytes are what is sent (lone surrogates are escaped, so nothing is lost). */
    String text();

    default byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    static Json raw(String token) {
        return new Raw(token);
    }

    static Json str(String value) {
        return new Str(value);
    }

    static Json num(long value) {
        return new Raw(Long.toString(value));
    }

    static Obj obj(Object... keysAndValues) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            members.add(new Member((String) keysAndValues[i], value instanceof Json json ? json : str((String) value)));
        }
        return new Obj(members);
    }

    static Arr arr(Json... items) {
        return new Arr(List.of(items));
    }

    static Arr strings(List<String> items) {
        return new Arr(items.stream().map(Json::str).map(Json.class::cast).toList());
    }

    /** A token written as it is: a number, {@code true}, {@code null}, or something that only looks like JSON. */
    record Raw(String token) implements Json {
        @Override
        public String text() {
            return token;
        }
    }

    record Str(String value) implements Json {
        @Override
        public String text() {
            return quote(value);
        }
    }

    record Member(String key, Json value) {
    }

    /** An object whose members keep their order, duplicates included. */
    record Obj(List<Member> members) implements Json {

        public Obj {
            members = List.copyOf(members);
        }

        @Override
        public String text() {
            StringBuilder text = new StringBuilder("{");
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(quote(members.get(i).key())).append(':').append(members.get(i).value().text());
            }
            return text.append('}').toString();
        }

        Obj with(String key, Json value) {
            List<Member> all = new ArrayList<>(members);
            all.add(new Member(key, value));
            return new Obj(all);
        }
    }

    record Arr(List<Json> items) implements Json {

        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String text() {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(items.get(i).text());
            }
            return text.append(']').toString();
        }
    }

    /**
     * A JSON string literal: quote, backslash and control characters escaped, a surrogate pair (an emoji)
     * written as it is, a lone surrogate as its escape.
     */
    static String quote(String value) {
        StringBuilder text = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20) {
                text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                text.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.append('"').toString();
    }
}

package dev.signals.bootstrap.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Query parameters and path ids as a hostile client writes them into the request target: values at the edges
 * of their type (sizes, dates out of range, cursors this service never handed out), percent-encoded fully,
 * form-style, minimally, or with broken escapes ({@code %zz}, truncated UTF-8, {@code %00}), repeated, or a
 * name without a value.
 */
final class Queries {

    private static final String[] BROKEN_ESCAPES = {"%", "%z", "%zz", "%E0%A4", "%FF", "%00", "%C0%AF", "%%", "%2", "%u0041", "%ED%A0%80"};
    private static final String HEX_32 = "0123456789abcdef0123456789abcdef";

    private Queries() {
    }

    /** Values for any of the list parameters; the real cursor and ids are among them so that some tries get a page. */
    static Arbitrary<String> values(String cursor, String signalId, String otherSignalId) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        List<String> fixed = new ArrayList<>(List.of(
                // size
                "0", "-1", "1", "10", "150", "151", "abc", "1e2", "2147483648", "99999999999999999999", "+5", " 5", "5 ",
                "0x10", "١٠", "", "NaN", "1.0", "-0", "०",
                // cursor
                cursor, cursor + "x", cursor.substring(0, cursor.length() - 1), cursor.toUpperCase(Locale.ROOT), cursor + "==",
                url.encodeToString(("-9223372036854775808/signal-" + HEX_32).getBytes(StandardCharsets.US_ASCII)),
                url.encodeToString(("9223372036854775807/signal-" + HEX_32).getBytes(StandardCharsets.US_ASCII)),
                url.encodeToString(("-62135596800000000/signal-" + HEX_32).getBytes(StandardCharsets.US_ASCII)),
                url.encodeToString(("0/ct-" + HEX_32).getBytes(StandardCharsets.US_ASCII)),
                url.encodeToString(("abc/signal-" + HEX_32).getBytes(StandardCharsets.US_ASCII)),
                url.encodeToString("/".getBytes(StandardCharsets.US_ASCII)), url.encodeToString("😀/😀".getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFB, (byte) 0xFF, (byte) 0xBF}), "!!!", "====",
                "a".repeat(200), "a".repeat(201),
                // dates
                "2024-08-09", "2024-02-30", "+999999999-12-31", "-999999999-01-01", "+10000-01-01", "0000-01-01", "2024-8-9",
                "20240809", "2024-08-09T00:00:00Z", "9999-12-31", "0001-01-01", "-0001-01-01", "2024-W32-5", "２０２４-08-09",
                // ids
                signalId, otherSignalId, signalId.toUpperCase(Locale.ROOT), signalId.substring(0, signalId.length() - 1),
                "signal-" + HEX_32, "ct-" + HEX_32));
        Hostile.PHONES.forEach(phone -> fixed.add(((Json.Str) phone).value()));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(fixed)),
                Tuple.of(1, Hostile.strings().filter(s -> encode(s).length() <= 1_200)),
                Tuple.of(1, Arbitraries.of("x".repeat(1_200), "9".repeat(1_200))));
    }

    /** One {@code name=value} of the query string, written in one of ten ways. */
    static String parameter(String name, String value, int mode) {
        return switch (mode) {
            case 6 -> encode(name) + "=" + encode(value).replace("%20", "+");
            case 7 -> encode(name) + "=" + encode(value) + BROKEN_ESCAPES[Math.floorMod(value.hashCode(), BROKEN_ESCAPES.length)];
            case 8 -> encode(name);
            case 9 -> minimal(name) + "=" + minimal(value);
            default -> encode(name) + "=" + encode(value);
        };
    }

    /** Path segments: the given real ids, their near misses, and garbage percent-encoded or written as it is. */
    static Arbitrary<String> pathIds(List<String> real) {
        List<String> wire = new ArrayList<>(List.of(".", "..", "%2e%2e", "%2E", "%2F", "a%2Fb", "a%5Cb", ";x=1", "a;b", "%01",
                "%FF", "%C0%AF", "%ED%A0%80", "%u0041", "signal-%u0041", "%uD800", "%20", "+", "~", "*", "!$&'()*+,=:@", "signal-" + HEX_32, "ct-" + HEX_32,
                "x".repeat(2_000)));
        for (String id : real) {
            wire.addAll(List.of(id, id.toUpperCase(Locale.ROOT), id + "/", id + "/extra", id + "%20", id + "?x=%zz", id + ";a=b",
                    id.substring(0, id.length() - 1), encode(id + "\u00ff")));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(wire)),
                Tuple.of(2, Hostile.strings().filter(s -> s.indexOf('\u0000') < 0).map(Queries::encode).filter(s -> s.length() <= 6_000)));
    }

    /** Every byte but the unreserved ones percent-encoded, from UTF-8 (a lone surrogate becomes '?', as in Java's encoder). */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /** Only what cannot stand in a request line at all is encoded; '%', '&', '=', '+' and ';' go as they are. */
    static String minimal(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F || c == '#') {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}

package dev.signals.bootstrap.fuzz;

import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.signals.bootstrap.fuzz.Json.obj;
import static dev.signals.bootstrap.fuzz.Json.raw;
import static dev.signals.bootstrap.fuzz.Json.str;

/**
 * What a hostile or broken client puts into a request: strings (unicode of every kind, lone surrogates,
 * control characters, lengths at and just past every limit), numbers (beyond every range, not JSON at all),
 * nesting far deeper than the parser allows, and for each field of the contract the values that sit on its
 * edges (timestamps out of range, phone numbers that almost parse, signal lists too long).
 *
 * <p>None of these values holds a Java class name or the word "Exception", so that an answer echoing one
 * can never be mistaken for a leaked stack trace.
 */
final class Hostile {

    static final List<String> SIGNAL_NAMES = SignalCatalogue.standard().all().stream().map(Signal::name).toList();
    static final String LONGEST_SIGNAL = SIGNAL_NAMES.stream().max((a, b) -> a.length() - b.length()).orElseThrow();
    static final List<String> EVENT_TYPES = List.of("MARKETING", "APPLICATION_RECEPTION", "APPLICATION_APPROVAL",
            "APPLICATION_REJECTION", "LOAN_DISBURSEMENT", "REPAYMENT_REMINDER", "SUCCESSFUL_REPAYMENT", "OVERDUE", "DEBT",
            "CAPTCHA", "LENDING", "PRELOAN", "ARBITRARY", "OTHER");

    private Hostile() {
    }

    // --- strings ------------------------------------------------------------------------------------

    /** Strings that are short but odd: unicode that changes length when lower-cased, hides, reverses, or is no text at all. */
    static final List<String> ODD_STRINGS = List.of(
            "", " ", "\t\n\r", "\u0000", "a\u0000b", "\u007f\u0085\u009f", "null", "NaN", "true", "0", "-0", "{}", "[]",
            "😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "\u202Eevil\u202C", "\u200B", "\uFEFF", "\u200D\u200C", "e\u0301\u0301\u0301",
            "İ", "ẞß", "ﬃ", "\u2028\u2029", "\ud800", "\udfff", "\ud800x", "\udc00\ud800", "x\udbff",
            "０９１７１２３４５６７", "٠٩١٧١٢٣٤٥٦٧", "𝟘𝟡𝟙𝟟", "مرحبا", "שלום", "中文字符", "ｆｕｌｌ",
            "<script>alert(1)</script>", "' OR '1'='1", "'; DROP TABLE account; --", "%s%n%x%d", "${jndi:ldap://x/a}",
            "../../etc/passwd", "\\", "\"", "\\u0000", "%00", "%FF", "+", "a,b", "a;b", "=", "&", "#");

    /** Lengths at and just past the contract's limits (64, 128, 200, 254, 2000, 65535) in code points and in UTF-16 units. */
    static final List<Integer> EDGE_LENGTHS = List.of(1, 2, 32, 63, 64, 65, 100, 127, 128, 129, 199, 200, 201, 253, 254, 255,
            1_000, 1_999, 2_000, 2_001, 4_001, 8_001, 65_535, 65_536);

    /** Hostile strings: odd short ones, random unicode (surrogates included), and long runs at the edges of the limits. */
    static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(ODD_STRINGS)),
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(40)),
                Tuple.of(3, repeat(Arbitraries.of("a", "é", "😀", "中", "\u0301", " ", "\ud800"), Arbitraries.of(EDGE_LENGTHS))),
                Tuple.of(1, repeat(Arbitraries.of("a", "😀"), Arbitraries.of(100_000, 300_000, 600_000))));
    }

    /**
     * Hostile strings that an HTTP client can still put into a header: no control characters but HTAB (HTTP
     * forbids them, and the server refuses them before the service sees them: see the malformed-HTTP property).
     */
    static Arbitrary<String> headerStrings() {
        return strings().filter(s -> s.length() <= 3_000).map(s -> s.replaceAll("[\\x00-\\x08\\x0A-\\x1F\\x7F]", ""));
    }

    // --- numbers ------------------------------------------------------------------------------------

    static final String DIGITS_400 = "9".repeat(400);

    /** Number tokens beyond every range, and tokens that only look like numbers (they make the body invalid JSON). */
    static final List<String> NUMBER_TOKENS = List.of(
            "0", "-0", "-0.0", "0.0", "1", "-1", "1.5", "0.01", "0.001", "1.10", "1e2", "1E+2", "1e-2",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "1e400", "-1e400", "1E+400", "1e-400", "0.1e-400",
            DIGITS_400, "-" + DIGITS_400, DIGITS_400 + ".5", "0." + DIGITS_400, "1e999999999", "1e-999999999",
            "1e2147483647", "1e-2147483648", "123456789012345.67", "9999999999999.99", "10000000000000",
            "NaN", "-NaN", "Infinity", "-Infinity", "+1", ".5", "1.", "01", "0x1F", "1e", "--1", "1_000", "1,5", "١");

    static Arbitrary<Json> numbers() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(NUMBER_TOKENS).map(Json::raw)),
                Tuple.of(2, Arbitraries.longs().map(Json::num)),
                Tuple.of(2, Arbitraries.bigDecimals().ofScale(3).map(d -> raw(d.toPlainString()))),
                Tuple.of(1, Arbitraries.doubles().map(d -> raw(BigDecimal.valueOf(d).toString()))));
    }

    // --- structure ----------------------------------------------------------------------------------

    /** Arrays or objects nested {@code depth} deep, balanced; the parser allows 64. */
    static String nested(int depth, boolean objects) {
        StringBuilder text = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            text.append(objects ? "{\"a\":" : "[");
        }
        text.append("1");
        for (int i = 0; i < depth; i++) {
            text.append(objects ? '}' : ']');
        }
        return text.toString();
    }

    static Arbitrary<Json> deep() {
        Arbitrary<Integer> depth = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(2, 62)),
                Tuple.of(3, Arbitraries.of(63, 64, 65, 66)),
                Tuple.of(2, Arbitraries.integers().between(100, 1_000)),
                Tuple.of(2, Arbitraries.of(2_000, 5_000, 20_000)));
        return Combinators.combine(depth, Arbitraries.of(true, false)).as(Hostile::nested).map(Json::raw);
    }

    /** Any hostile value: for a field of any type, most of these are the wrong type. */
    static Arbitrary<Json> values() {
        return Arbitraries.lazyOf(
                () -> strings().map(Json::str),
                Hostile::numbers,
                () -> Arbitraries.of(raw("true"), raw("false"), raw("null"), raw("{}"), raw("[]"), str("NaN"), str("1e400"),
                        str(DIGITS_400), raw("[null]"), raw("{\"\":null}"), raw("[[]]")),
                Hostile::deep,
                () -> strings().list().ofMaxSize(4).map(Json::strings),
                () -> strings().map(s -> obj(s, raw("1"))),
                () -> Arbitraries.of(fieldValues()));
    }

    // --- field by field -----------------------------------------------------------------------------

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    static final List<Json> TIMESTAMPS = List.of(
            str("2024-08-08T16:06:00Z"), str("2024-08-08T16:06:00.123456Z"), str("2024-08-08T16:06:00.1234567Z"),
            str("2024-08-08T16:06:00.123456789Z"), str("2024-02-30T00:00:00Z"), str("2024-08-08T24:00:00Z"),
            str("2024-08-08T16:06:60Z"), str("2024-08-08T16:06:00"), str("2024-08-08T16:06:00+08:00"), str("2024-08-08"),
            str("0001-01-01T00:00:00Z"), str("0000-01-01T00:00:00Z"), str("-0001-12-31T23:59:59Z"),
            str("-999999999-01-01T00:00:00Z"), str("-1000000000-01-01T00:00:00Z"), str("+1000000000-12-31T23:59:59.999999999Z"),
            str("9999-12-31T23:59:59.999999Z"), str("+10000-01-01T00:00:00Z"), str("1677-09-21T00:12:43.145224192Z"),
            str("2262-04-11T23:47:16.854775807Z"), str("1970-01-01T00:00:00Z"), str("1969-12-31T23:59:59.999999Z"),
            str(NOW.plus(Duration.ofMinutes(4)).toString()), str(NOW.plus(Duration.ofMinutes(6)).toString()),
            str(NOW.minus(Duration.ofDays(30)).toString()), str(NOW.minus(Duration.ofDays(36_500)).toString()),
            str(NOW.plus(Duration.ofDays(1)).toString()), str("２０２４-08-08T16:06:00Z"), str("2024-08-08t16:06:00z"),
            str(" 2024-08-08T16:06:00Z"), raw("1723132800"), raw("1.7231328E9"), raw("-62135596800"));

    static final String E164 = "+639171234567";
    static final List<Json> PHONES = List.of(
            str(E164), str("639171234567"), str("09171234567"), str("+63 917 123 4567"), str("+63-917-(123)-45.67"),
            str(" " + E164 + " "), str(E164 + " ".repeat(51)), str(E164 + " ".repeat(52)), str("+" + "6".repeat(63)),
            str("+" + "9".repeat(64)), str("0".repeat(65)), str("+"), str("++639171234567"), str("+63917123456+7"),
            str("+639171234567#123"), str("+63 917 123 4567 ext. 9"), str("(((((((((((((("), str("-.-.-.-"),
            str("＋６３９１７１２３４５６７"), str("+٦٣٩١٧١٢٣٤٥٦٧"), str("+999999999999999"), str("+0000000000"),
            str("+1"), str("+12"), str("d41d8cd98f00b204e9800998ecf8427e"), str("D41D8CD98F00B204E9800998ECF8427E"),
            str("d41d8cd98f00b204e9800998ecf8427"), str("d41d8cd98f00b204e9800998ecf8427g"), str("tel:+639171234567"),
            str("+63\u00a0917\u2007123\u20094567"), str("+63\u0000917"), str("\u202E+639171234567"));

    static final List<Json> EMAILS = List.of(
            str("a@b"), str("@"), str("a@"), str("@b"), str("a@@b"), str("a@b@c"), str("A@EXAMPLE.COM"), str(" a@b.c "),
            str("İİİ@example.com"), str("İ".repeat(120) + "@x.com"), str("a".repeat(248) + "@x.com"),
            str("a".repeat(249) + "@x.com"), str("a b@c.d"), str("a\u0000@b.c"), str("a\u2028@b.c"), str("😀@😀.com"),
            str("\"quoted\"@example.com"), str("a@[127.0.0.1]"), str("a@b.c\u202E"));

    static final List<Json> COUNTRIES = List.of(
            str("PH"), str("ph"), str(" PH "), str("XX"), str("ZZ"), str("001"), str("P"), str("PHL"), str(""), str(" "),
            str("ＰＨ"), str("Ph"), str("UK"), str("GB"), str("\u0000\u0000"), str("İS"), str("ıs"));

    static final List<Json> SIGNAL_LISTS = List.of(
            raw("[]"), raw("[\"\"]"), Json.strings(List.of("events_marketing_day30")),
            Json.strings(List.of("events_marketing_day30", "events_marketing_day30")),
            Json.strings(List.of("EVENTS_MARKETING_DAY30")), Json.strings(List.of(" events_marketing_day30")),
            Json.strings(List.of("events_marketing_day30,events_debt_day30")), Json.strings(SIGNAL_NAMES),
            Json.strings(Collections.nCopies(200, LONGEST_SIGNAL)), Json.strings(Collections.nCopies(201, LONGEST_SIGNAL)),
            Json.strings(reversed(SIGNAL_NAMES)), Json.strings(List.of("events_nothing_day30", "x", "😀", "\ud800")),
            Json.strings(IntStream.range(0, 200).mapToObj(i -> "unknown_signal_" + i).toList()),
            raw("[null]"), raw("[1]"), raw("[[\"events_marketing_day30\"]]"), str("events_marketing_day30"),
            obj("events_marketing_day30", raw("true")));

    static final List<Json> BAND_LISTS = List.of(
            raw("[]"), raw("[0]"), raw("[-1]"), raw("[5,1]"), raw("[1,1]"), raw("[0,1000,5000,10000,50000,100000]"),
            raw("[9223372036854775807]"), raw("[-9223372036854775808]"), raw("[9223372036854775808]"), raw("[1e400]"),
            raw("[1.5]"), raw("[1.0]"), raw("[1e2]"), raw("[\"1\"]"), raw("[null]"), raw("[true]"), raw("[[1]]"),
            raw("[" + DIGITS_400 + "]"), raw(longBands(50)), raw(longBands(51)),
            raw(IntStream.range(0, 1_000).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"))), raw("0"));

    static final List<Json> AMOUNT_FORMATS = List.of(
            str("BAND"), str("NUMBER"), str("band"), str("Band"), str(""), str(" BAND"), str("STRING"), str("BANDS"),
            str("NUMBER\u0000"), raw("0"), raw("[\"BAND\"]"));

    static final List<Json> EVENT_TYPES_JSON = List.of(
            str("OVERDUE"), str("DEBT"), str("overdue"), str("Overdue"), str("LOAN"), str(""), str("OVERDUE "),
            str("ÖVERDUE"), str("OVERDUE\u0000"), str("ＯＶＥＲＤＵＥ"), raw("8"), str("8"));

    static final List<Json> AMOUNTS = List.of(
            raw("0"), raw("0.01"), raw("0.001"), raw("-0.01"), raw("1520.50"), raw("9999999999999.99"),
            raw("10000000000000"), raw("99999999999999.99"), raw("1e400"), raw("1E+400"), raw("1e999999999"),
            raw("1e2147483647"), raw("-0"), raw("-0.00"), raw("1e-400"), raw("1e-999999999"), raw("1.100000000000000000000000"),
            raw("1E+2"), raw(DIGITS_400), raw("0." + "0".repeat(60) + "1"), str("1520.50"), raw("NaN"));

    static final List<Json> OVERDUE_DAYS = List.of(
            raw("0"), raw("-1"), raw("2147483647"), raw("2147483648"), raw("-2147483648"), raw("9223372036854775808"),
            raw("1.0"), raw("1.5"), raw("1e2"), str("12"), raw("1e400"));

    static final List<Json> BOOLEANS = List.of(raw("true"), raw("false"), str("true"), raw("1"), raw("0"), str("yes"), raw("[true]"));

    static final List<Json> EVENT_IDS = List.of(
            str(""), str(" "), str("a".repeat(128)), str("a".repeat(129)), str("😀".repeat(128)), str("😀".repeat(129)),
            str("\u0000"), str("\ud800"), str("é".repeat(128)), str("id,with,commas"), str("../../x"));

    static final List<Json> TEMPLATE_IDS = List.of(
            str("tpl-sgn003001"), str("TPL-SGN003001"), str("tpl-sgn003001 "), str("ct-" + "0".repeat(32)),
            str("ct-" + "F".repeat(32)), str("t".repeat(64)), str("t".repeat(65)), str(""), str(" "), str("tpl-\u0000"),
            str("😀".repeat(32)), str("😀".repeat(33)), str("tpl-account-selection"));

    static final List<Json> INSTITUTIONS = List.of(
            str("abc"), str("a".repeat(128)), str("a".repeat(129)), str("-abc"), str("a b"), str("ábc"), str("lender"),
            str("LENDER"), str("a:b.c_d-e"), str("0"), str("abc\n"), str("abc\u0000"));

    /** The edge values of a field by its name; every field of the contract's bodies has some. */
    static List<Json> forField(String key) {
        return switch (key) {
            case "consentedAt", "asOf", "occurredAt", "reportedAt" -> TIMESTAMPS;
            case "phone" -> PHONES;
            case "emailAddress" -> EMAILS;
            case "countryCode" -> COUNTRIES;
            case "signals" -> SIGNAL_LISTS;
            case "amountBands" -> BAND_LISTS;
            case "amountFormat" -> AMOUNT_FORMATS;
            case "amount" -> AMOUNTS;
            case "overdueDays" -> OVERDUE_DAYS;
            case "autoRepayment" -> BOOLEANS;
            case "eventId" -> EVENT_IDS;
            case "templateId", "consentTemplateId" -> TEMPLATE_IDS;
            case "institutionId" -> INSTITUTIONS;
            case "type" -> concat(EVENT_TYPES_JSON, List.of(str("[Motor Loans] Terms & Conditions"), str("a".repeat(201))));
            case "events" -> List.of(raw("[]"), raw("[null]"), raw("[[]]"), raw("[\"x\"]"), raw("{}"), raw("\"events\""),
                    raw(Collections.nCopies(10_001, "{}").stream().collect(Collectors.joining(",", "[", "]"))));
            case "consent" -> List.of(raw("null"), raw("{}"), raw("\"consent\""), raw("[]"), raw(nested(70, true)),
                    obj("consentedWith", "x", "consentedAt", "2024-08-08T16:06:00Z"));
            default -> List.of();
        };
    }

    private static List<Json> fieldValues() {
        List<Json> all = new ArrayList<>();
        for (String key : List.of("consentedAt", "phone", "emailAddress", "countryCode", "signals", "amountBands", "amount",
                "overdueDays", "eventId", "templateId", "institutionId", "type")) {
            all.addAll(forField(key));
        }
        return all;
    }

    private static String longBands(int count) {
        return IntStream.range(0, count).mapToObj(i -> Long.toString(Long.MAX_VALUE - count + 1 + i))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** {@code unit} repeated {@code count} times. */
    static Arbitrary<String> repeat(Arbitrary<String> unit, Arbitrary<Integer> count) {
        return Combinators.combine(unit, count).as(String::repeat);
    }
}

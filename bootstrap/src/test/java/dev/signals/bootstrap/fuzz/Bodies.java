package dev.signals.bootstrap.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.signals.bootstrap.fuzz.Json.obj;
import static dev.signals.bootstrap.fuzz.Json.raw;
import static dev.signals.bootstrap.fuzz.Json.str;

/**
 * Request bodies: for each endpoint a valid body (so that most tries get past the parser and reach the
 * handler and the database), then broken in one of four ways: fields mutated (wrong types, edge values,
 * removed, duplicated, unknown keys), the text damaged (truncated, unbalanced, trailing garbage, control
 * characters, invalid UTF-8), nesting thousands deep, or something that is no object at all.
 */
final class Bodies {

    private Bodies() {
    }

    // --- valid bodies, one family per endpoint --------------------------------------------------------

    static Json.Obj consent() {
        return obj("type", "[Motor Loans] Terms & Conditions", "version", "2024-08",
                "consentedWith", "I agree to ABC Company's Terms & Conditions", "consentedAt", "2024-08-08T16:06:00Z");
    }

    /** Signal requests as the contract's section 2.1 allows them; beta ones may name a template. */
    static Arbitrary<Json> signalRequests(boolean beta, String consentTemplateId, String ownTemplateId) {
        List<Json> valid = new ArrayList<>();
        valid.add(obj("phone", Hostile.E164, "consent", consent()));
        valid.add(obj("phone", "09171234567", "countryCode", "PH", "consent", consent()));
        valid.add(obj("emailAddress", "Borrower@Example.com", "consent", consent()));
        valid.add(obj("phone", "d41d8cd98f00b204e9800998ecf8427e", "consent",
                obj("consentedWith", "I agree", "consentedAt", "2024-08-08T16:06:00Z", "consentTemplateId", consentTemplateId)));
        valid.add(obj("phone", Hostile.E164, "consent", consent(), "asOf", "2024-08-09T00:00:00Z"));
        if (beta) {
            valid.add(obj("phone", Hostile.E164, "templateId", "tpl-sgn003001", "consent", consent()));
            valid.add(obj("emailAddress", "b@example.com", "templateId", ownTemplateId, "consent", consent(),
                    "asOf", Hostile.NOW.minus(Duration.ofDays(1)).toString()));
        }
        return Arbitraries.of(valid);
    }

    static Arbitrary<Json> consentTemplates() {
        return Arbitraries.of(
                obj("consentType", "[Motor Loans] Terms & Conditions", "title", "Motor loans", "version", "2024-08",
                        "consentMethod", "checkbox", "consentText", "I agree to ABC Company's Terms & Conditions"),
                obj("consentType", "Privacy", "version", "1", "consentText", "Yes"));
    }

    /** One event of contract section 4, with an id of its own so that valid ones are accepted, not duplicates. */
    static Arbitrary<Json.Obj> events() {
        Arbitrary<String> ids = Arbitraries.strings().alpha().numeric().ofLength(16).map(id -> "fuzz-" + id);
        String occurred = Hostile.NOW.minus(Duration.ofDays(3)).toString();
        String reported = Hostile.NOW.minus(Duration.ofDays(1)).toString();
        return Combinators.combine(ids, Arbitraries.of(Hostile.EVENT_TYPES), Arbitraries.integers().between(0, 3))
                .as((id, type, shape) -> switch (shape) {
                    case 0 -> obj("eventId", id, "type", "OVERDUE", "occurredAt", occurred, "phone", Hostile.E164,
                            "amount", raw("1520.50"), "overdueDays", raw("12"), "autoRepayment", raw("false"), "reportedAt", reported);
                    case 1 -> obj("eventId", id, "type", type, "occurredAt", occurred, "emailAddress", "b@example.com");
                    case 2 -> obj("eventId", id, "type", "LOAN_DISBURSEMENT", "occurredAt", occurred, "phone", "09171234567",
                            "countryCode", "PH", "amount", raw("5000"));
                    default -> obj("eventId", id, "type", type, "occurredAt", occurred, "phone", Hostile.E164,
                            "emailAddress", "b@example.com");
                });
    }

    static Arbitrary<Json> eventBatches() {
        return events().list().ofMinSize(1).ofMaxSize(4).map(list -> obj("events", new Json.Arr(new ArrayList<>(list))));
    }

    static Arbitrary<Json> selections() {
        return Arbitraries.of(Hostile.SIGNAL_NAMES).list().ofMinSize(1).ofMaxSize(5).map(names -> obj("signals", Json.strings(names)));
    }

    static Arbitrary<Json> signalTemplates() {
        return Combinators.combine(Arbitraries.of(Hostile.SIGNAL_NAMES).list().ofMinSize(1).ofMaxSize(5),
                        Arbitraries.of("NUMBER", "BAND"), Arbitraries.of("[0,1000,5000]", "[0,1000,5000,10000,50000,100000]"))
                .as((names, format, bands) -> obj("signals", Json.strings(names), "amountFormat", format, "amountBands", raw(bands)));
    }

    static Arbitrary<Json> accounts() {
        return Arbitraries.strings().alpha().numeric().ofLength(12)
                .map(id -> obj("name", "Fuzz Lending " + id, "institutionId", "fuzz-" + id));
    }

    // --- breaking them --------------------------------------------------------------------------------

    /**
     * From valid bodies, hostile ones: mostly one to three field mutations (a valid-looking request with
     * something wrong), or damaged text, or a body that is no object, or nesting far too deep. Valid bodies
     * are kept now and then: their answers must be the envelope too.
     */
    static Arbitrary<byte[]> hostile(Arbitrary<Json> valid) {
        Arbitrary<Json> mutated = Combinators.combine(valid, mutations().list().ofMinSize(1).ofMaxSize(3))
                .as(Bodies::mutate);
        return Arbitraries.frequencyOf(
                Tuple.of(1, valid.map(Json::bytes)),
                Tuple.of(8, mutated.map(Json::bytes)),
                Tuple.of(4, Combinators.combine(Arbitraries.oneOf(valid, mutated), damages()).as(Bodies::damage)),
                Tuple.of(1, Hostile.deep().map(Json::bytes)),
                Tuple.of(1, Hostile.values().map(Json::bytes)),
                Tuple.of(1, Arbitraries.of("", " ", "\r\n", "null", "[]", "\"x\"", "0", "true", "{}").map(Bodies::utf8)));
    }

    enum MutationKind { REPLACE, EDGE_VALUE, REMOVE, DUPLICATE_KEY, EXTRA_KEY }

    /** A change at one place of the tree: {@code slot} indexes the tree's values in document order (modulo their number). */
    record Mutation(int slot, MutationKind kind, Json value, int pick, String key) {
    }

    static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 1_000), Arbitraries.of(MutationKind.class),
                        Hostile.values(), Arbitraries.integers().between(0, 1_000), Hostile.strings())
                .as(Mutation::new);
    }

    static Json mutate(Json document, List<Mutation> mutations) {
        Json result = document;
        for (Mutation mutation : mutations) {
            List<List<Integer>> slots = new ArrayList<>();
            collect(result, new ArrayList<>(), slots);
            result = apply(result, slots.get(mutation.slot() % slots.size()), 0, null, mutation);
        }
        return result;
    }

    private static void collect(Json node, List<Integer> path, List<List<Integer>> slots) {
        slots.add(List.copyOf(path));
        List<Json> children = node instanceof Json.Obj o ? o.members().stream().map(Json.Member::value).toList()
                : node instanceof Json.Arr a ? a.items() : List.of();
        for (int i = 0; i < children.size(); i++) {
            path.add(i);
            collect(children.get(i), path, slots);
            path.remove(path.size() - 1);
        }
    }

    /** Rebuilds {@code node} with the mutation applied at {@code path}; {@code key} is the key {@code node} sits under. */
    private static Json apply(Json node, List<Integer> path, int depth, String key, Mutation mutation) {
        if (depth == path.size()) {
            return replacement(key, mutation);
        }
        int index = path.get(depth);
        if (node instanceof Json.Obj object) {
            List<Json.Member> members = new ArrayList<>(object.members());
            Json.Member member = members.get(index);
            boolean last = depth + 1 == path.size();
            if (last && mutation.kind() == MutationKind.REMOVE) {
                members.remove(index);
            } else if (last && mutation.kind() == MutationKind.DUPLICATE_KEY) {
                members.add(index + 1, new Json.Member(member.key(), replacement(member.key(), mutation)));
            } else if (last && mutation.kind() == MutationKind.EXTRA_KEY) {
                members.add(index, new Json.Member(mutation.key(), mutation.value()));
            } else {
                members.set(index, new Json.Member(member.key(), apply(member.value(), path, depth + 1, member.key(), mutation)));
            }
            return new Json.Obj(members);
        }
        List<Json> items = new ArrayList<>(((Json.Arr) node).items());
        if (depth + 1 == path.size() && mutation.kind() == MutationKind.REMOVE) {
            items.remove(index);
        } else {
            items.set(index, apply(items.get(index), path, depth + 1, key, mutation));
        }
        return new Json.Arr(items);
    }

    /** An edge value of the field when it has some and the mutation asks for one, the generic hostile value otherwise. */
    private static Json replacement(String key, Mutation mutation) {
        List<Json> edges = key == null ? List.of() : Hostile.forField(key);
        if (mutation.kind() == MutationKind.EDGE_VALUE && !edges.isEmpty()) {
            return edges.get(mutation.pick() % edges.size());
        }
        return mutation.value();
    }

    // --- damaging the text ----------------------------------------------------------------------------

    enum DamageKind { TRUNCATE, DROP_STRUCTURE, ADD_STRUCTURE, TRAILING_GARBAGE, LEADING_GARBAGE, CONTROL_BYTE, INVALID_UTF8, UTF16, SINGLE_QUOTES }

    record Damage(DamageKind kind, int position, int pick) {
    }

    static Arbitrary<Damage> damages() {
        return Combinators.combine(Arbitraries.of(DamageKind.class), Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers().between(0, 1_000)).as(Damage::new);
    }

    private static final String[] TRAILING = {"}", "]", "x", " {}", "{}", "\u0000", "\n{\"a\":1}", ",", "//c", "/* */", "\"", "\\", "nul"};
    private static final String[] LEADING = {"\uFEFF", "\u0000", ")]}',\n", "//c\n", "\u00a0", "x"};
    private static final byte[][] INVALID_UTF8 = {
            {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};

    static byte[] damage(Json document, Damage damage) {
        byte[] bytes = document.bytes();
        int at = bytes.length == 0 ? 0 : damage.position() % bytes.length;
        return switch (damage.kind()) {
            case TRUNCATE -> java.util.Arrays.copyOf(bytes, at);
            case DROP_STRUCTURE -> dropStructural(bytes, at);
            case ADD_STRUCTURE -> insert(bytes, at, utf8(String.valueOf("{}[],:\"".charAt(damage.pick() % 7))));
            case TRAILING_GARBAGE -> insert(bytes, bytes.length, utf8(TRAILING[damage.pick() % TRAILING.length]));
            case LEADING_GARBAGE -> insert(bytes, 0, utf8(LEADING[damage.pick() % LEADING.length]));
            case CONTROL_BYTE -> insert(bytes, at, new byte[] {(byte) (damage.pick() % 33 == 32 ? 0x7F : damage.pick() % 33)});
            case INVALID_UTF8 -> insert(bytes, at, INVALID_UTF8[damage.pick() % INVALID_UTF8.length]);
            case UTF16 -> document.text().getBytes(damage.pick() % 2 == 0 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
            case SINGLE_QUOTES -> utf8(document.text().replace('"', '\''));
        };
    }

    /** Drops the first {, }, [, ], ", : or , at or after {@code at} (wrapping around). */
    private static byte[] dropStructural(byte[] bytes, int at) {
        for (int i = 0; i < bytes.length; i++) {
            int position = (at + i) % bytes.length;
            if ("{}[]\":,".indexOf(bytes[position]) >= 0) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
                out.write(bytes, 0, position);
                out.write(bytes, position + 1, bytes.length - position - 1);
                return out.toByteArray();
            }
        }
        return bytes;
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, at);
        out.writeBytes(inserted);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // --- NDJSON streams ------------------------------------------------------------------------------

    /**
     * NDJSON streams of one to six lines: valid events, mutated ones, damaged ones, blank lines, CRLF or LF,
     * a byte order mark now and then, sometimes no final newline, rarely one line over the 1 MiB a line may take.
     */
    static Arbitrary<byte[]> ndjsonStreams() {
        Arbitrary<Json> event = events().map(Json.class::cast);
        Arbitrary<byte[]> line = Arbitraries.frequencyOf(
                Tuple.of(3, event.map(Json::bytes)),
                Tuple.of(4, Combinators.combine(event, mutations().list().ofMinSize(1).ofMaxSize(2)).as(Bodies::mutate).map(Json::bytes)),
                Tuple.of(3, Combinators.combine(event, damages()).as(Bodies::damage)),
                Tuple.of(1, Hostile.values().map(Json::bytes)),
                Tuple.of(1, Arbitraries.of("", " ", "\t", "\r", "\u0000", "\uFEFF").map(Bodies::utf8)),
                Tuple.of(1, Hostile.deep().map(Json::bytes)));
        Arbitrary<byte[]> lines = Arbitraries.frequencyOf(
                Tuple.of(60, line.list().ofMinSize(1).ofMaxSize(6).map(list -> join(list, "\n"))),
                Tuple.of(15, line.list().ofMinSize(1).ofMaxSize(6).map(list -> join(list, "\r\n"))),
                Tuple.of(1, line.map(first -> join(List.of(first, utf8("{\"eventId\":\"" + "x".repeat(1024 * 1024) + "\"}")), "\n"))));
        return Combinators.combine(lines, Arbitraries.integers().between(0, 9))
                .as((body, shape) -> switch (shape) {
                    case 0 -> insert(body, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                    case 1, 2 -> insert(body, body.length, utf8("\n"));
                    default -> body;
                });
    }

    private static byte[] join(List<byte[]> lines, String separator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.writeBytes(utf8(separator));
            }
            out.writeBytes(lines.get(i));
        }
        return out.toByteArray();
    }
}

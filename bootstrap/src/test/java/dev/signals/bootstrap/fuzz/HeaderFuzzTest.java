package dev.signals.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signals.bootstrap.fuzz.RawHttp.Header;
import dev.signals.bootstrap.fuzz.RawHttp.Request;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile headers on every kind of endpoint: odd and wrong content types, garbage credentials (which must never
 * get in), and request ids a client should not have its answer carry back.
 */
class HeaderFuzzTest extends HostileInputFuzzing {

    private static final Set<String> generatedRequestIds = ConcurrentHashMap.newKeySet();

    /** Content types that are plainly not JSON: a body sent with one is refused 415 by every JSON endpoint. */
    private static final List<String> NOT_JSON = List.of("text/plain", "application/xml", "text/html", "image/png",
            "application/octet-stream", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded");

    private static final List<String> ODD_CONTENT_TYPES = List.of(
            "", " ", "application/JSON", "APPLICATION/JSON;CHARSET=UTF-8", "application/json; charset=utf-16",
            "application/json; charset=nonsense", "application/json;;;", "application/json; charset=", "application/x-ndjson",
            "application/*", "*/*", "application/vnd.api+json", "application/+json", "application/json, text/plain",
            "application/json; boundary=\"", "; charset=utf-8", "/", "application/", "application", "json",
            "application/x-ndjson; charset=latin1", "application/json; charset=ISO-8859-1", "text/json",
            "application/json\u00e9", "application/json; q=\u00ff", "a".repeat(4_000),
            "application/" + "x".repeat(2_000) + "+json");

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void oddContentTypes(@ForAll("oddContentTypeRequests") Request request) {
        JsonNode envelope = sendAndCheck(request);
        String contentType = new String(request.headers().stream().filter(h -> h.name().equals("Content-Type"))
                .findFirst().orElseThrow().value(), StandardCharsets.UTF_8);
        // The size limit is checked first: a body over it is a 413 whatever its type.
        if (NOT_JSON.contains(contentType) && request.body().length > 0 && !envelope.path("message").asText().contains("larger than")) {
            assertThat(envelope.path("code").asText()).as("%s with Content-Type %s", request.target(), contentType)
                    .isEqualTo("UNSUPPORTED_TYPE");
        }
    }

    @Provide
    Arbitrary<Request> oddContentTypeRequests() {
        Arbitrary<String> types = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(ODD_CONTENT_TYPES)),
                Tuple.of(2, Arbitraries.of(NOT_JSON)), Tuple.of(1, Hostile.headerStrings()));
        Arbitrary<Endpoint> endpoint = Arbitraries.of(bodyEndpoints());
        return Combinators.combine(endpoint, types, Arbitraries.integers().between(0, 4))
                .flatAs((target, type, hostileBody) -> (hostileBody == 0 ? Bodies.hostile(target.bodies()) : target.bodies().map(Json::bytes))
                        .map(body -> Request.of(target.method(), target.path(), List.of(
                                Header.of("Authorization", target.authorization()), new Header("Content-Type", type.getBytes(StandardCharsets.UTF_8))), body)));
    }

    /** An Authorization header and whether it holds the right credentials for the endpoint. */
    record Credentials(byte[] value, boolean valid) {
        @Override
        public String toString() {
            return (valid ? "valid: " : "garbage: ") + RawHttp.printable(value, 200);
        }
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void garbageAuthorization(@ForAll("authorizationRequests") Tuple.Tuple2<Request, Credentials> tried) {
        JsonNode envelope = sendAndCheck(tried.get1());
        if (!tried.get2().valid()) {
            assertThat(envelope.path("code").asText()).as("garbage credentials must not get in: %s", tried.get1())
                    .isIn("INVALID_CREDENTIALS", "INVALID_TOKEN");
        }
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Request, Credentials>> authorizationRequests() {
        List<Endpoint> endpoints = new ArrayList<>(bodyEndpoints());
        endpoints.add(new Endpoint("GET", "/v1/alpha/signals", lenderAuthorization, null));
        endpoints.add(new Endpoint("GET", "/v1/catalog", lenderAuthorization, null));
        endpoints.add(new Endpoint("GET", "/v1/admin/accounts/" + lenderAccountId + "/templates", admin(), null));
        endpoints.add(new Endpoint("GET", "/v1/alpha/signals/" + signalId, lenderAuthorization, null));
        return Combinators.combine(Arbitraries.of(endpoints), Arbitraries.integers().between(0, 1_000), credentialGarbage())
                .flatAs((endpoint, pick, garbage) -> {
                    // Garbage for one endpoint may be right for another (the admin token, on an admin path).
                    Credentials credentials = pick % 10 == 0 ? validVariant(endpoint.authorization(), pick)
                            : new Credentials(garbage.value(), garbage.value() != null && sameCredentials(garbage.value(), endpoint.authorization()));
                    Arbitrary<Optional<byte[]>> bodies = endpoint.bodies() == null ? Arbitraries.just(Optional.empty())
                            : endpoint.bodies().map(Json::bytes).map(Optional::of);
                    return bodies.map(body -> {
                        List<Header> headers = new ArrayList<>();
                        if (credentials.value() != null) {
                            headers.add(new Header("Authorization", credentials.value()));
                        }
                        body.ifPresent(b -> headers.add(Header.of("Content-Type", "application/json")));
                        return Tuple.of(Request.of(endpoint.method(), endpoint.path(), headers, body.orElse(null)), credentials);
                    });
                });
    }

    /** Whether the header holds these credentials: the same scheme in any case, the same token, any white space around. */
    private static boolean sameCredentials(byte[] header, String authorization) {
        String[] sent = new String(header, StandardCharsets.ISO_8859_1).strip().split(" +", 2);
        String[] right = authorization.split(" ", 2);
        return sent.length == 2 && sent[0].equalsIgnoreCase(right[0]) && sent[1].strip().equals(right[1]);
    }

    private static Credentials validVariant(String authorization, int pick) {
        int space = authorization.indexOf(' ');
        String scheme = authorization.substring(0, space);
        String credentials = authorization.substring(space + 1);
        String value = switch (pick % 4) {
            case 0 -> authorization;
            case 1 -> scheme.toLowerCase(java.util.Locale.ROOT) + " " + credentials;
            case 2 -> scheme.toUpperCase(java.util.Locale.ROOT) + "    " + credentials + "  ";
            default -> " " + authorization;
        };
        return new Credentials(value.getBytes(StandardCharsets.UTF_8), true);
    }

    private Arbitrary<Credentials> credentialGarbage() {
        String key = lenderAuthorization.substring("Basic ".length());
        String decoded = new String(Base64.getDecoder().decode(key), StandardCharsets.UTF_8);
        String apiKey = decoded.substring(0, decoded.indexOf(':'));
        List<String> fixed = List.of("", " ", "Basic", "Basic ", "Basic  ", "Bearer", "Bearer ", "Basic !!!notbase64!!!",
                "Basic " + b64("no-colon"), "Basic " + b64(":"), "Basic " + b64(apiKey + ":"), "Basic " + b64(":secret"),
                "Basic " + b64(apiKey + ":wrong-secret"), "Basic " + b64(decoded + "x"), "Basic " + b64(" " + decoded),
                "Basic " + key.substring(0, key.length() - 2), "Basic " + key + "=", "Basic " + key + "====",
                "Basic " + key.replace('+', '-').replace('/', '_'), "Basic =", "Basic ====", "Basic " + key + " extra",
                "Bearer " + ADMIN_TOKEN, "Bearer " + ADMIN_TOKEN + "x", "Bearer " + ADMIN_TOKEN.toUpperCase(java.util.Locale.ROOT),
                "Basic " + b64(ADMIN_TOKEN + ":" + ADMIN_TOKEN), "Digest username=\"x\"", "Token abc", "Basic\t" + key,
                "Basic " + b64("😀:😀"), "Basic " + b64("\u0000:\u0000"), "Basic " + b64(apiKey.toUpperCase(java.util.Locale.ROOT) + decoded.substring(apiKey.length())),
                "Bearer " + key, "Basic " + ADMIN_TOKEN);
        Arbitrary<byte[]> values = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(fixed).map(v -> v.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Hostile.headerStrings()
                        .flatMap(s -> Arbitraries.of("Basic ", "Bearer ", "").map(scheme -> (scheme + s).getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                        .map(bytes -> ("Basic " + Base64.getEncoder().encodeToString(bytes)).getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.bytes().between((byte) 0x80, (byte) 0xFF).array(byte[].class).ofMinSize(1).ofMaxSize(64)
                        .map(bytes -> concat("Basic ".getBytes(StandardCharsets.ISO_8859_1), bytes))),
                Tuple.of(1, Arbitraries.of(1_000, 4_000, 7_000)
                        .flatMap(n -> Arbitraries.of("Basic " + "A".repeat(n), "Bearer " + "x".repeat(n), "Basic " + b64("k".repeat(n * 3 / 4) + ":s"))
                                .map(v -> v.getBytes(StandardCharsets.UTF_8)))));
        return Arbitraries.frequencyOf(Tuple.of(12, values.map(v -> new Credentials(v, false))),
                Tuple.of(1, Arbitraries.just(new Credentials(null, false))));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void garbageRequestIds(@ForAll("requestIdRequests") Tuple.Tuple2<Request, byte[]> tried) {
        JsonNode envelope = answers.send(port, tried.get1());
        Statistics.collect(envelope.path("code").asText());
        String sent = new String(tried.get2(), StandardCharsets.ISO_8859_1).strip();
        String used = envelope.path("requestId").asText();
        if (ContractAnswers.SAFE_REQUEST_ID.matcher(sent).matches()) {
            assertThat(used).as("a safe client id is reused").isEqualTo(sent);
        } else {
            assertThat(used).as("an unsafe client id is replaced, never reflected: sent %s", RawHttp.printable(tried.get2(), 200))
                    .isNotEqualTo(sent).doesNotContain(sent.isEmpty() ? "\u0000" : sent);
            assertThat(generatedRequestIds.add(used)).as("a generated request id is unique: %s", used).isTrue();
        }
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Request, byte[]>> requestIdRequests() {
        List<Request> targets = List.of(
                Request.of("GET", "/health", List.of(), null),
                Request.of("GET", "/v1/catalog", List.of(Header.of("Authorization", lenderAuthorization)), null),
                Request.of("GET", "/v1/catalog", List.of(), null),
                Request.of("GET", "/v1/nothing-here", List.of(Header.of("Authorization", lenderAuthorization)), null),
                Request.of("POST", "/v1/alpha/signals", List.of(Header.of("Authorization", lenderAuthorization),
                        Header.of("Content-Type", "application/json")), Bodies.utf8("{\"phone\":")),
                Request.of("PATCH", "/v1/alpha/signals", List.of(Header.of("Authorization", lenderAuthorization)), null));
        Arbitrary<byte[]> ids = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("", " ", "a", "abc-123", "a".repeat(64), "a".repeat(65), "x".repeat(4_000),
                        "a b", "a\tb", " abc ", "<script>", "../../etc", "%00", "a,b", "a;b", "ü", "😀", "abc\u00ff",
                        "req:1.2_3-4", "-", ".", ":", "__").map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.strings().withChars("AZaz09._:-").ofMinLength(1).ofMaxLength(70).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Hostile.headerStrings().map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.integers().between(0x21, 0xFF).filter(b -> b != 0x7F).list().ofMinSize(1).ofMaxSize(80)
                        .map(HeaderFuzzTest::bytes)));
        return Combinators.combine(Arbitraries.of(targets), ids)
                .as((request, id) -> Tuple.of(request.withHeader(new Header("X-Request-Id", id)), id));
    }

    /** An endpoint that takes a JSON body, with its credentials and its valid bodies. */
    record Endpoint(String method, String path, String authorization, Arbitrary<Json> bodies) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Endpoint> bodyEndpoints() {
        return List.of(
                new Endpoint("POST", "/v1/alpha/signals", lenderAuthorization, Bodies.signalRequests(false, consentTemplateId, OWN_TEMPLATE)),
                new Endpoint("POST", "/v1/beta/signals", lenderAuthorization, Bodies.signalRequests(true, consentTemplateId, OWN_TEMPLATE)),
                new Endpoint("POST", "/v1/consentTemplates", lenderAuthorization, Bodies.consentTemplates()),
                new Endpoint("POST", "/v1/events", lenderAuthorization, Bodies.eventBatches()),
                new Endpoint("PUT", "/v1/admin/accounts/" + lenderAccountId + "/selection", admin(), Bodies.selections()),
                new Endpoint("PUT", "/v1/admin/accounts/" + lenderAccountId + "/templates/" + OWN_TEMPLATE, admin(), Bodies.signalTemplates()),
                new Endpoint("POST", "/v1/admin/accounts", admin(), Bodies.accounts()));
    }

    private static byte[] bytes(List<Integer> values) {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) values.get(i);
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

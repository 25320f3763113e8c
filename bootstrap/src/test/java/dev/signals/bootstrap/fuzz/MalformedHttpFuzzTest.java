package dev.signals.bootstrap.fuzz;

import dev.signals.bootstrap.fuzz.RawHttp.Header;
import dev.signals.bootstrap.fuzz.RawHttp.Request;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.signals.bootstrap.fuzz.Json.obj;

/** Requests that are not well-formed HTTP, or go beyond its limits, answered in the envelope all the same. */
class MalformedHttpFuzzTest extends HostileInputFuzzing {

    /**
     * Requests that break HTTP's own grammar or its limits: control characters in a header, a bare CR, a space
     * or a bad escape in the target, a target or a header over 8 KiB, a header name that is none, framing that
     * contradicts itself, a version or a method nobody speaks. Jetty refuses most of them before the service
     * sees them; the answer must still be a 4xx in the contract's envelope (contract section 1: every answer).
     */
    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void malformedHttp(@ForAll("malformedRequests") Request request) {
        sendAndCheck(request);
    }

    enum Malformation { CONTROL_IN_HEADER, BARE_CR, BAD_TARGET_CHARACTER, BAD_ESCAPE_IN_PATH, TARGET_TOO_LONG, HEADERS_TOO_LARGE,
        BAD_HEADER_NAME, BAD_FRAMING, BAD_REQUEST_LINE }

    @Provide
    Arbitrary<Request> malformedRequests() {
        return Combinators.combine(Arbitraries.of(Malformation.class), Arbitraries.integers().between(0, 1_000))
                .as(this::malformed);
    }

    private Request malformed(Malformation kind, int pick) {
        String body = obj("phone", Hostile.E164, "consent", Bodies.consent()).text();
        String path = "/v1/alpha/signals";
        List<String> headers = new ArrayList<>(List.of("Authorization: " + lenderAuthorization, "Content-Type: application/json"));
        String requestLine = "POST " + path + " HTTP/1.1";
        String framing = "Content-Length: " + Bodies.utf8(body).length;
        switch (kind) {
            case CONTROL_IN_HEADER -> {
                char control = (char) (pick % 33 == 32 ? 0x7F : pick % 32 == 9 || pick % 32 == 10 || pick % 32 == 13 ? 0 : pick % 32);
                String[] names = {"Authorization", "Content-Type", "X-Request-Id", "X-Anything"};
                String name = names[pick % names.length];
                String value = switch (name) {
                    case "Authorization" -> lenderAuthorization.substring(0, 10) + control + lenderAuthorization.substring(10);
                    case "Content-Type" -> "application/json" + control;
                    default -> "abc" + control + "def";
                };
                headers.removeIf(h -> h.startsWith(name + ":"));
                headers.add(name + ": " + value);
            }
            case BARE_CR -> headers.add(pick % 2 == 0 ? "X-Request-Id: abc\rdef" : "Content-Type: application/json\r");
            case BAD_TARGET_CHARACTER -> requestLine = "POST " + path + List.of("/a b", "/a\tb", "/\u00e9", "/😀", "#frag", "/\"x\"", "/<x>",
                    "?q=a b", "?q=\u00ff", "/\\..\\").get(pick % 10) + " HTTP/1.1";
            case BAD_ESCAPE_IN_PATH -> requestLine = "GET " + path + "/" + List.of("%zz", "%", "%2", "%u0041", "%00", "signal-%00",
                    "%2e%2e%2f%2e%2e", "..%2F..%2F").get(pick % 8) + " HTTP/1.1";
            case TARGET_TOO_LONG -> requestLine = pick % 2 == 0 ? "GET " + path + "?size=" + "9".repeat(8_000 + pick) + " HTTP/1.1"
                    : "GET " + path + "/" + "x".repeat(9_000 + pick) + " HTTP/1.1";
            case HEADERS_TOO_LARGE -> {
                switch (pick % 4) {
                    case 0 -> headers.set(0, "Authorization: Basic " + "A".repeat(10_000 + pick * 50));
                    case 1 -> headers.add("X-Request-Id: " + "r".repeat(20_000));
                    case 2 -> {
                        for (int i = 0; i < 400; i++) {
                            headers.add("X-Header-" + i + ": " + "v".repeat(30));
                        }
                    }
                    default -> headers.add("Cookie: " + "c=1; ".repeat(4_000));
                }
            }
            case BAD_HEADER_NAME -> headers.add(List.of("X Bad: 1", ": no-name", "N\u00e4me: v", "X-A\t: v", "X(a): v", "no-colon",
                    " Leading-Space: v").get(pick % 7));
            case BAD_FRAMING -> framing = List.of("Content-Length: abc", "Content-Length: -1",
                    "Content-Length: " + Bodies.utf8(body).length + "\r\nContent-Length: 3",
                    "Content-Length: " + Bodies.utf8(body).length + "\r\nTransfer-Encoding: chunked",
                    "Transfer-Encoding: gzip", "Transfer-Encoding: chunked", "Content-Length: 99999999999999999999",
                    "Content-Length: +" + Bodies.utf8(body).length, "Content-Length: " + (Bodies.utf8(body).length + 100)).get(pick % 9);
            case BAD_REQUEST_LINE -> requestLine = List.of("POST " + path + " HTTP/1.2", "POST " + path + " HTTP/2.0",
                    "POST " + path + " HTTP/1.1 extra", "post " + path + " HTTP/1.1", "FOO " + path + " HTTP/1.1", "POST HTTP/1.1",
                    "POST http://elsewhere.example" + path + " HTTP/1.1", "POST * HTTP/1.1", "POST  " + path + "  HTTP/1.1",
                    "P\u00d6ST " + path + " HTTP/1.1", "POST " + path + " HTTP/1.1").get(pick % 11);
        }
        boolean chunkedBody = framing.equals("Transfer-Encoding: chunked");
        StringBuilder wire = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        headers.forEach(header -> wire.append(header).append("\r\n"));
        wire.append(framing).append("\r\n\r\n");
        // A chunked body whose first chunk size is not hex.
        wire.append(chunkedBody ? "zz\r\n" + body + "\r\n0\r\n\r\n" : body);
        return Request.verbatim(kind + " #" + pick, wire.toString().getBytes(StandardCharsets.UTF_8));
    }

    // --- what the fuzzing found here, each as the smallest request that shows it (see HostileInputFuzzing)

    @Example
    void aChunkedBodyWhoseChunkSizeIsNoNumberIsA400() {
        String body = obj("phone", Hostile.E164, "consent", Bodies.consent()).text();
        sendAndCheck(Request.verbatim("a chunk size that is not hex", Bodies.utf8("POST /v1/alpha/signals HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nAuthorization: " + lenderAuthorization + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n")));
    }

    @Example
    void aBodyShorterThanItsContentLengthIsA400() {
        String body = obj("phone", Hostile.E164, "consent", Bodies.consent()).text();
        sendAndCheck(Request.verbatim("a body 100 bytes short, then the client's end of the connection closed",
                Bodies.utf8("POST /v1/alpha/signals HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: "
                        + lenderAuthorization + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() + 100)
                        + "\r\n\r\n" + body)));
    }

    @Example
    void aControlCharacterInAHeaderIsAnsweredInTheEnvelope() {
        sendAndCheck(Request.of("GET", "/v1/catalog", List.of(Header.of("Authorization", lenderAuthorization),
                new Header("X-Request-Id", new byte[] {'a', 0, 'b'})), null));
    }

    @Example
    void aRequestLineOver8KibIsAnsweredInTheEnvelope() {
        sendAndCheck(Request.of("GET", "/v1/alpha/signals?size=" + "9".repeat(9_000), List.of(Header.of("Authorization", lenderAuthorization)), null));
    }

    @Example
    void headersOver8KibAreAnsweredInTheEnvelope() {
        sendAndCheck(Request.of("GET", "/v1/catalog", List.of(Header.of("Authorization", "Basic " + "A".repeat(10_000))), null));
    }

    @Example
    void anUnknownHttpVersionIsA4xxInTheEnvelope() {
        sendAndCheck(Request.verbatim("HTTP/1.2", Bodies.utf8("GET /v1/catalog HTTP/1.2\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: " + lenderAuthorization + "\r\n\r\n")));
    }
}

package dev.signals.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer of the service must be, whatever was sent (contract section 1): not a 5xx; the envelope
 * {@code code, message, requestId, data} as JSON with a JSON Content-Type; the code that goes with the status;
 * the request id also in the {@code X-Request-Id} header; for an error, {@code data} either {} or a list of
 * field errors; and nothing of the server's insides: no stack trace, no Java class name.
 */
final class ContractAnswers {

    static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** A stack frame, or a fully qualified class of the JDK or of a library the service uses. */
    private static final Pattern INSIDES = Pattern.compile(
            "\\bat [\\w$.]+\\([\\w$]+\\.java(:\\d+)?\\)|\\.java:\\d+\\)|\\b[A-Z][A-Za-z0-9]+(Exception|Error)\\b"
                    + "|\\b(java|javax|jakarta|sun|jdk|com\\.fasterxml|com\\.google|io\\.javalin|org\\.eclipse|org\\.h2|org\\.jooq"
                    + "|org\\.postgresql|org\\.hibernate|org\\.flywaydb|com\\.zaxxer|dev\\.signals)\\.[a-z][\\w$]*\\.[\\w$.]+");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, List<String>> CODES = Map.ofEntries(
            Map.entry(200, List.of("OK")), Map.entry(201, List.of("CREATED")),
            Map.entry(400, List.of("INVALID_PARAMETERS")), Map.entry(413, List.of("INVALID_PARAMETERS")),
            Map.entry(401, List.of("INVALID_CREDENTIALS", "INVALID_TOKEN")), Map.entry(403, List.of("UNAUTHORIZED_ACCESS")),
            Map.entry(404, List.of("MISSING_RESOURCE")), Map.entry(405, List.of("UNSUPPORTED_METHOD")),
            Map.entry(415, List.of("UNSUPPORTED_TYPE")), Map.entry(429, List.of("REQUEST_LIMIT_EXCEEDED")),
            // RFC 9110 15.6.6: an HTTP version other than 1.x is answered 505 by Jetty before the service sees it;
            // the envelope says the fault is the client's.
            Map.entry(505, List.of("INVALID_PARAMETERS")));

    private final ServerLog serverLog;

    ContractAnswers(ServerLog serverLog) {
        this.serverLog = serverLog;
    }

    /** Sends the request and checks the answer against the contract; returns the answer's parsed envelope. */
    JsonNode send(int port, RawHttp.Request request) {
        return sendForAnswer(port, request).envelope();
    }

    record Checked(RawHttp.Response response, JsonNode envelope) {
    }

    Checked sendForAnswer(int port, RawHttp.Request request) {
        long mark = serverLog.mark();
        RawHttp.Response response = RawHttp.send(port, request);
        return new Checked(response, check(request, response, mark));
    }

    private JsonNode check(RawHttp.Request request, RawHttp.Response response, long mark) {
        List<String> problems = new ArrayList<>();
        JsonNode envelope = null;
        if (response.status() >= 500 && response.status() != 505) {
            problems.add("a " + response.status() + ": hostile input must get a 4xx");
        } else if (response.status() < 200 || (response.status() >= 300 && response.status() < 400)) {
            problems.add("the status " + response.status() + " is neither a success nor a 4xx");
        }
        String contentType = response.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            problems.add("Content-Type is " + contentType + ", not application/json");
        }
        Matcher insides = INSIDES.matcher(response.text());
        if (insides.find()) {
            problems.add("the body shows the server's insides: '" + insides.group() + "'");
        }
        try {
            envelope = JSON.readTree(response.body());
        } catch (IOException e) {
            problems.add("the body is not JSON");
        }
        if (envelope != null) {
            problems.addAll(envelopeProblems(response, envelope));
        }
        if (!problems.isEmpty()) {
            String requestId = envelope == null ? response.header("X-Request-Id") : envelope.path("requestId").asText(null);
            throw new AssertionError(String.join("; ", problems)
                    + "\n--- request\n" + request
                    + "\n--- answer\n" + response
                    + "\n--- server log\n" + serverLog.about(requestId, mark));
        }
        return envelope;
    }

    private static List<String> envelopeProblems(RawHttp.Response response, JsonNode envelope) {
        List<String> problems = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        envelope.fieldNames().forEachRemaining(fields::add);
        if (!fields.equals(List.of("code", "message", "requestId", "data"))) {
            problems.add("the envelope's fields are " + fields + ", not [code, message, requestId, data]");
            return problems;
        }
        String code = envelope.path("code").asText(null);
        // A 4xx the contract's table does not name (414, 431) is a bad request of its own kind.
        List<String> expected = CODES.getOrDefault(response.status(),
                response.status() >= 400 && response.status() < 500 ? List.of("INVALID_PARAMETERS") : List.of());
        if (!envelope.path("code").isTextual() || !expected.contains(code)) {
            problems.add("code " + envelope.path("code") + " does not go with HTTP " + response.status() + " (expected one of " + expected + ")");
        }
        if (!envelope.path("message").isTextual() || envelope.path("message").asText().isBlank()) {
            problems.add("message is " + envelope.path("message") + ", not a text");
        }
        JsonNode requestId = envelope.path("requestId");
        if (!requestId.isTextual() || !SAFE_REQUEST_ID.matcher(requestId.asText()).matches()) {
            problems.add("requestId " + requestId + " is not an id of at most 64 safe characters");
        } else if (!requestId.asText().equals(response.header("X-Request-Id"))) {
            problems.add("requestId " + requestId + " is not the X-Request-Id header " + response.header("X-Request-Id"));
        }
        JsonNode data = envelope.path("data");
        if (response.status() >= 400) {
            problems.addAll(errorDataProblems(data));
        } else if (!data.isObject()) {
            problems.add("data of a success is " + data.getNodeType() + ", not an object");
        } else if ("SYSTEM_ERROR".equals(data.path("resultCode").asText())) {
            problems.add("the signal request was answered SYSTEM_ERROR: the input broke its computation");
        }
        if (response.status() == 401 && response.header("WWW-Authenticate") == null) {
            problems.add("a 401 without WWW-Authenticate");
        }
        return problems;
    }

    private static List<String> errorDataProblems(JsonNode data) {
        if (!data.isObject()) {
            return List.of("data of an error is " + data.getNodeType() + ", not an object");
        }
        if (data.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        JsonNode errors = data.path("errors");
        if (!names.equals(List.of("errors")) || !errors.isArray() || errors.isEmpty()) {
            return List.of("data of an error is neither {} nor {\"errors\": [...]}: " + data);
        }
        for (JsonNode error : errors) {
            if (!error.path("field").isTextual() || !error.path("message").isTextual() || error.path("message").asText().isBlank()) {
                return List.of("a field error is not {field, message}: " + error);
            }
        }
        return List.of();
    }
}

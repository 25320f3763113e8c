package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A client of the Signals API over real HTTP, as a lender's system would call it. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String authorization;

    private ApiClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient("http://127.0.0.1:" + port, null);
    }

    public ApiClient basic(String apiKey, String apiSecret) {
        return withAuthorization("Basic " + Base64.getEncoder().encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8)));
    }

    public ApiClient bearer(String token) {
        return withAuthorization("Bearer " + token);
    }

    ApiClient withAuthorization(String header) {
        return new ApiClient(base, header);
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    /** The body of a GET that does not answer JSON, such as {@code /metrics}. */
    public String getText(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Answer post(String path, Object body) {
        return send("POST", path, json(body), "application/json");
    }

    /** A POST with one more request header, such as {@code Idempotency-Key}. */
    public Answer post(String path, Object body, String header, String value) {
        return send("POST", path, json(body), "application/json", Map.of(header, value));
    }

    public Answer put(String path, Object body) {
        return send("PUT", path, json(body), "application/json");
    }

    Answer send(String method, String path, String body, String contentType) {
        return send(method, path, body, contentType, Map.of());
    }

    Answer send(String method, String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One HTTP answer: status, parsed envelope, raw response. */
    public record Answer(int status, JsonNode body, HttpResponse<String> response) {

        public String code() {
            return body.path("code").asText();
        }

        public JsonNode data() {
            return body.path("data");
        }

        /** The fields named in {@code data.errors}. */
        java.util.List<String> errorFields() {
            java.util.List<String> fields = new java.util.ArrayList<>();
            body.path("data").path("errors").forEach(error -> fields.add(error.path("field").asText()));
            return fields;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}

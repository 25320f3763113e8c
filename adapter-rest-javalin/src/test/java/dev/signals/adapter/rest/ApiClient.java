package dev.signals.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Calls the service as a client would: with an Authorization header (or none), a JSON body as text, and the
 * answer read into an {@link Answer} so that the response is closed before any assertion.
 */
public final class ApiClient {

    public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final String authorization;

    public ApiClient(HttpClient http) {
        this(http, basic(InMemoryApplication.ACME.apiKey(), InMemoryApplication.ACME_SECRET));
    }

    private ApiClient(HttpClient http, String authorization) {
        this.http = http;
        this.authorization = authorization;
    }

    public static String basic(String apiKey, String apiSecret) {
        return "Basic " + Base64.getEncoder().encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
    }

    /** The same client sending this Authorization header, or none when null. */
    public ApiClient authorizedBy(String header) {
        return new ApiClient(http, header);
    }

    public ApiClient asZeta() {
        return authorizedBy(basic(InMemoryApplication.ZETA.apiKey(), InMemoryApplication.ZETA_SECRET));
    }

    public ApiClient asAdmin() {
        return authorizedBy("Bearer " + InMemoryApplication.ADMIN_TOKEN);
    }

    public Answer get(String path) {
        return send(path, builder -> builder.get());
    }

    public Answer post(String path, String json) {
        return send(path, builder -> builder.post(RequestBody.create(json, JSON)));
    }

    public Answer put(String path, String json) {
        return send(path, builder -> builder.put(RequestBody.create(json, JSON)));
    }

    public Answer delete(String path) {
        return send(path, builder -> builder.delete());
    }

    public Answer send(String path, Consumer<Request.Builder> method) {
        Request.Builder builder = new Request.Builder().url(http.getOrigin() + path);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        method.accept(builder);
        try (Response response = http.getOkHttp().newCall(builder.build()).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            Map<String, String> headers = new HashMap<>();
            response.headers().names().forEach(name -> headers.put(name.toLowerCase(Locale.ROOT), response.header(name)));
            return new Answer(response.code(), response.header("Content-Type"), response.header("WWW-Authenticate"),
                    response.header("X-Request-Id"), text, MAPPER.readTree(text), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A POST that declares a {@code Content-Length} of {@code declaredLength} with {@code Expect: 100-continue}, as
     * curl does for a large upload, and sends no byte of the body, over a plain socket (an HTTP client would insist
     * on sending it): what the service answers from the headers alone. (Without the Expect header Jetty holds the
     * answer until the declared body has arrived.)
     */
    public Answer postDeclaringOnly(String path, String contentType, long declaredLength) {
        URI origin = URI.create(http.getOrigin());
        try (Socket socket = new Socket(origin.getHost(), origin.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + origin.getHost() + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Type: " + contentType + "\r\nContent-Length: " + declaredLength + "\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readAnswer(new DataInputStream(new BufferedInputStream(socket.getInputStream())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer readAnswer(DataInputStream in) throws IOException {
        String statusLine = asciiLine(in);
        Map<String, String> headers = new HashMap<>();
        for (String line = asciiLine(in); !line.isEmpty(); line = asciiLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body = new byte[Integer.parseInt(headers.get("content-length"))];
        in.readFully(body);
        String text = new String(body, StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers.get("content-type"), headers.get("www-authenticate"),
                headers.get("x-request-id"), text, MAPPER.readTree(text), headers);
    }

    private static String asciiLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the answer ended within its head");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** One HTTP answer: status, the headers the tests look at most, and the body as text and as JSON; all headers by lower-case name. */
    public record Answer(int status, String contentType, String wwwAuthenticate, String requestId, String text, JsonNode json,
                         Map<String, String> headers) {

        /** The value of the header {@code name} (any case), null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String code() {
            return json.get("code").asText();
        }

        public String message() {
            return json.get("message").asText();
        }

        public JsonNode data() {
            return json.get("data");
        }

        /** The {@code field} of each error in {@code data.errors}. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            data().path("errors").forEach(error -> fields.add(error.get("field").asText()));
            return fields;
        }

        /** The {@code message} of the error on {@code field}. */
        public String errorMessage(String field) {
            for (JsonNode error : data().path("errors")) {
                if (error.get("field").asText().equals(field)) {
                    return error.get("message").asText();
                }
            }
            throw new AssertionError("no error on " + field + " in " + text);
        }

        public static List<String> keysOf(JsonNode object) {
            List<String> keys = new ArrayList<>();
            Iterator<String> names = object.fieldNames();
            names.forEachRemaining(keys::add);
            return keys;
        }
    }
}

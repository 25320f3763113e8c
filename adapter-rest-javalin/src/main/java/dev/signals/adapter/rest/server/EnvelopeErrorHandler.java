package dev.signals.adapter.rest.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

/**
 * Jetty answers some requests itself, before any route runs: malformed HTTP (a control character in a
 * header, a request line or headers too long, an unknown HTTP version) and errors outside the routes. Those
 * answers carry the contract's envelope too, never an HTML page, and are no more stored than any other ({@link NoStore}).
 */
final class EnvelopeErrorHandler extends ErrorHandler {

    private final ObjectMapper mapper;

    EnvelopeErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = newRequestId();
        fields.put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        fields.put(RequestIds.HEADER, requestId);
        fields.put(NoStore.HEADER, NoStore.VALUE);
        return ByteBuffer.wrap(body(status, "The request is not well-formed HTTP" + (reason == null ? "" : ": " + reason), requestId));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        String requestId = newRequestId();
        response.setContentType(Responses.JSON);
        response.setHeader(RequestIds.HEADER, requestId);
        response.setHeader(NoStore.HEADER, NoStore.VALUE);
        response.getOutputStream().write(body(code, message == null ? "The request could not be served" : message, requestId));
    }

    private static String newRequestId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private byte[] body(int status, String message, String requestId) {
        String code = switch (status) {
            case 404 -> "MISSING_RESOURCE";
            case 405, 501 -> "UNSUPPORTED_METHOD";
            case 415 -> "UNSUPPORTED_TYPE";
            case 429 -> "REQUEST_LIMIT_EXCEEDED";
            case 503 -> "SERVER_UNAVAILABLE";
            // 505: the client spoke an HTTP version other than 1.x; Jetty fixes the status, the fault is the client's.
            case 505 -> "INVALID_PARAMETERS";
            default -> status >= 500 ? "SERVER_ERROR" : "INVALID_PARAMETERS";
        };
        try {
            return mapper.writeValueAsBytes(new Envelope(code, message, requestId, Map.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope always serialises", e);
        }
    }
}

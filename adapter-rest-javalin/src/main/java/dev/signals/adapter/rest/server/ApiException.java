package dev.signals.adapter.rest.server;

import java.util.List;
import java.util.Map;

/**
 * An answer other than success, as the contract's error table lists them. Handlers throw it; the one
 * {@link ErrorMapper} turns it into the envelope, so no handler writes error JSON by hand.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    private ApiException(int status, String code, String message, List<FieldError> errors, Map<String, String> headers) {
        this(status, code, message, errors, headers, null);
    }

    private ApiException(int status, String code, String message, List<FieldError> errors, Map<String, String> headers,
                         Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException invalidParameters(String message) {
        return new ApiException(400, "INVALID_PARAMETERS", message, List.of(), Map.of());
    }

    public static ApiException invalidField(String field, String message) {
        return invalidFields(List.of(new FieldError(field, message)));
    }

    static ApiException invalidFields(List<FieldError> errors) {
        String message = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return invalidFields(message, errors);
    }

    public static ApiException invalidFields(String message, List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("invalid fields need at least one field error");
        }
        return new ApiException(400, "INVALID_PARAMETERS", message, errors, Map.of());
    }

    /**
     * A field well formed but unusable with the rest of the request, 422 as the IETF's draft of the
     * {@code Idempotency-Key} header answers a key used before for another request (the contract lists no such case;
     * the README's "Sending a signal request again" does).
     */
    static ApiException unprocessableField(String field, String message) {
        return new ApiException(422, "INVALID_PARAMETERS", field + ": " + message, List.of(new FieldError(field, message)), Map.of());
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "INVALID_PARAMETERS", message, List.of(), Map.of());
    }

    public static ApiException invalidCredentials(String message) {
        return new ApiException(401, "INVALID_CREDENTIALS", message, List.of(), Map.of("WWW-Authenticate", "Basic realm=\"signals\", charset=\"UTF-8\""));
    }

    public static ApiException invalidToken(String message) {
        return new ApiException(401, "INVALID_TOKEN", message, List.of(), Map.of("WWW-Authenticate", "Bearer realm=\"signals-admin\""));
    }

    static ApiException unauthorizedAccess(String message) {
        return new ApiException(403, "UNAUTHORIZED_ACCESS", message, List.of(), Map.of());
    }

    public static ApiException missingResource(String message) {
        return new ApiException(404, "MISSING_RESOURCE", message, List.of(), Map.of());
    }

    static ApiException unsupportedMethod(String message) {
        return new ApiException(405, "UNSUPPORTED_METHOD", message, List.of(), Map.of());
    }

    public static ApiException unsupportedType(String message) {
        return new ApiException(415, "UNSUPPORTED_TYPE", message, List.of(), Map.of());
    }

    public static ApiException requestLimitExceeded(String message, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new ApiException(429, "REQUEST_LIMIT_EXCEEDED", message + "; retry in " + seconds + " s", List.of(),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    static ApiException serverError() {
        return new ApiException(500, "SERVER_ERROR", "The service failed to answer; the failure is logged with this request id", List.of(), Map.of());
    }

    public static ApiException serverUnavailable(String message) {
        return serverUnavailable(message, null);
    }

    /** A 503 whose {@code cause} the {@link ErrorMapper} logs (the answer never shows it). */
    public static ApiException serverUnavailable(String message, Throwable cause) {
        return new ApiException(503, "SERVER_UNAVAILABLE", message, List.of(), Map.of("Retry-After", "5"), cause);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    List<FieldError> errors() {
        return errors;
    }

    Map<String, String> headers() {
        return headers;
    }
}

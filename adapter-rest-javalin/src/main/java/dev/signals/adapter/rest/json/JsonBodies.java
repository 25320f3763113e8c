package dev.signals.adapter.rest.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.signals.adapter.rest.server.ApiException;
import dev.signals.adapter.rest.server.FieldError;
import dev.signals.adapter.rest.server.JavalinApp;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a request body into a DTO record, or answers why not (contract section 1): a body that is not
 * JSON by its Content-Type is 415; an empty body, malformed JSON or anything but an object is 400 saying
 * so; a value of the wrong JSON type is 400 naming the field by its JSON path ({@code consent.consentedAt},
 * {@code amountBands[2]}) and what is expected; a key given twice in one object is 400 naming it by its path the
 * same way ({@link DuplicateKey}), whichever route reads the body. Messages never repeat the body, which may carry
 * a phone number, an e-mail address or a secret.
 */
public final class JsonBodies {

    static final String TIMESTAMP_EXPECTED = "must be an ISO-8601 timestamp such as 2024-08-08T16:06:00Z";

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(Context ctx, Class<T> type) {
        byte[] body = bytes(ctx, JavalinApp.MAX_REQUEST_SIZE, JavalinApp.TOO_LARGE_MESSAGE);
        if (body.length > 0 && !isJson(ctx.contentType())) {
            throw ApiException.unsupportedType("The request body must be JSON, sent as Content-Type: application/json");
        }
        JsonNode tree = tree(body);
        if (!tree.isObject()) {
            throw ApiException.invalidParameters("The request body must be a JSON object, not " + describe(tree));
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            throw ApiException.invalidField(path(e), expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            // Jackson wraps a number too large for its field (an amount band beyond a long) with the field's path.
            String problem = e.getCause() instanceof InputCoercionException ? "is a number out of range" : "has the wrong type";
            throw ApiException.invalidField(path(e), problem);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidParameters("The request body does not have the expected shape");
        }
    }

    /**
     * A JSON body of up to {@code maxBytes}, of any shape, for a route that allows more than
     * {@link JavalinApp#MAX_REQUEST_SIZE} and reads the tree itself; that route has checked the Content-Type.
     * Empty or malformed is 400 as for {@link #read}; over the limit, 413 with {@code tooLargeMessage}.
     */
    public JsonNode readTree(Context ctx, long maxBytes, String tooLargeMessage) {
        return tree(bytes(ctx, maxBytes, tooLargeMessage));
    }

    /**
     * The body, bounded by {@code maxBytes}: a declared Content-Length over it is refused before anything is
     * read, and a body without one (chunked) is counted as it is read.
     */
    private static byte[] bytes(Context ctx, long maxBytes, String tooLargeMessage) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw ApiException.tooLarge(tooLargeMessage);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                if (out.size() > maxBytes) {
                    throw ApiException.tooLarge(tooLargeMessage);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            // The client closed the connection or sent a broken chunk: nothing complete to read.
            throw ApiException.invalidParameters("The request body ended before it was complete");
        }
    }

    /** No Content-Type is read as JSON; otherwise {@code application/json} or {@code application/*+json}, any parameters. */
    public static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = mediaType(contentType);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /** The media type of a Content-Type, without its parameters, in lower case. */
    public static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private JsonNode tree(byte[] body) {
        if (body.length == 0) {
            throw ApiException.invalidParameters("The request body is empty; send a JSON object");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ApiException.invalidParameters("The request body nests too deeply or holds a value too long for this service");
        } catch (JsonProcessingException e) {
            Optional<DuplicateKey> duplicate = DuplicateKey.in(e);
            if (duplicate.isPresent()) {
                throw duplicateKey(duplicate.get());
            }
            throw ApiException.invalidParameters("The request body is not valid JSON" + where(e.getLocation()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw ApiException.invalidParameters("The request body holds a number out of any range this service reads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw ApiException.invalidParameters("The request body is empty; send a JSON object");
        }
        return tree;
    }

    private static ApiException duplicateKey(DuplicateKey duplicate) {
        String field = duplicate.field();
        return field == null ? ApiException.invalidParameters(duplicate.inBody())
                : ApiException.invalidFields(duplicate.inBody(), List.of(new FieldError(field, DuplicateKey.FIELD_MESSAGE)));
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** What a JSON value is, for a message: "an array", "a string". */
    public static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "this";
        };
    }

    /** The JSON path of the failing value in dots, with indices in brackets: {@code consent.consentedAt}, {@code signals[1]}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a field of this Java type expects, in the client's terms. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Instant.class) {
            return TIMESTAMP_EXPECTED;
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "must be an object";
        }
        return "has the wrong type";
    }
}

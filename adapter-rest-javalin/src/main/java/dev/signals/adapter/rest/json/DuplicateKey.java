package dev.signals.adapter.rest.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A key given more than once in one JSON object, which the parser of {@link JsonMapping} refuses, told in the
 * client's terms: the key, the JSON path of the object that holds it ({@code consent}, {@code events[1]}) and where the
 * second one begins. A key may be anything, a phone number too, and an answer never repeats the personal data of a
 * body: the key and its path are named only when every key on the path looks like a field name.
 */
public final class DuplicateKey {

    /** What a client is to do about it, the end of every message. */
    static final String SEND_ONCE = "send each key once per object";
    /** A field error's message: its field is the key's path. */
    static final String FIELD_MESSAGE = "is given more than once; " + SEND_ONCE;

    /** Jackson's message for it (jackson-core {@code JsonReadContext}); {@code JsonMappingTest} holds the parser to it. */
    private static final String JACKSON_MESSAGE = "Duplicate field '";
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    private final String key;
    private final String parent;
    private final JsonLocation location;

    private DuplicateKey(String key, String parent, JsonLocation location) {
        this.key = key;
        this.parent = parent;
        this.location = location;
    }

    /** The duplicate key {@code e} reports; empty when {@code e} reports anything else. */
    public static Optional<DuplicateKey> in(JsonProcessingException e) {
        if (!(e instanceof JsonParseException parse) || parse.getOriginalMessage() == null
                || !parse.getOriginalMessage().startsWith(JACKSON_MESSAGE) || parse.getProcessor() == null) {
            return Optional.empty();
        }
        // The parser stopped on the second key: its context is the object holding it, its current name the key.
        JsonParser parser = parse.getProcessor();
        Deque<String> path = new ArrayDeque<>();
        boolean named = true;
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (context.inArray()) {
                path.addFirst("[" + context.getCurrentIndex() + "]");
            } else {
                String name = context.getCurrentName();
                named &= name != null && FIELD_NAME.matcher(name).matches();
                path.addFirst(name == null ? "" : name);
            }
        }
        if (!named || path.isEmpty()) {
            return Optional.of(new DuplicateKey(null, null, parse.getLocation()));
        }
        String key = path.removeLast();
        StringBuilder parent = new StringBuilder();
        for (String segment : path) {
            if (parent.length() > 0 && !segment.startsWith("[")) {
                parent.append('.');
            }
            parent.append(segment);
        }
        return Optional.of(new DuplicateKey(key, parent.toString(), parse.getLocation()));
    }

    /**
     * The key's JSON path as field errors name fields ({@code phone}, {@code consent.consentedAt},
     * {@code events[1].phone}); null when it is not named.
     */
    public String field() {
        if (key == null) {
            return null;
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** For an answer to a JSON body: {@code The request body gives the key "consentedAt" more than once in consent (line 2, column 54); ...}. */
    public String inBody() {
        String where = location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return "The request body gives " + what() + where + "; " + SEND_ONCE;
    }

    /** For an NDJSON line, which is rejected on its own: {@code the line gives the key "phone" more than once (column 72); ...}. */
    public String inLine() {
        String where = location == null || location.getColumnNr() < 1 ? "" : " (column " + location.getColumnNr() + ")";
        return "the line gives " + what() + where + "; " + SEND_ONCE;
    }

    private String what() {
        if (key == null) {
            return "a key more than once";
        }
        return "the key \"" + key + "\" more than once" + (parent.isEmpty() ? "" : " in " + parent);
    }
}

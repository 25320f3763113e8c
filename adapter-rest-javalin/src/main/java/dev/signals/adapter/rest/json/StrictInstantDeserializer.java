package dev.signals.adapter.rest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads an instant only from an ISO-8601 string such as {@code 2024-08-08T16:06:00Z}. Jackson's own
 * deserializer also takes numbers as epoch seconds, which would let {@code "consentedAt": 1723132800}
 * through as a date in 2024 that the client never wrote.
 */
final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {

    StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getText();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw context.weirdStringException(text, Instant.class, "not an ISO-8601 timestamp");
        }
    }
}

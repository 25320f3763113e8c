package dev.signals.adapter.rest.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.application.port.in.EventReport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads events in the JSON of contract section 4, one at a time, so that one unreadable event (a wrong
 * type, a line that is not JSON) is rejected with its reason while the others of the batch go on. Used
 * for JSON batches, NDJSON streams and the import tool alike. A reason never repeats the event's content:
 * a line that is not JSON is reported by its column, not by the text the parser stumbled on, which may be
 * a phone number.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapping.objectMapper();

    private EventJson() {
    }

    /** One NDJSON line; {@code index} is its position (the import tool passes line numbers). */
    public static EventReport readLine(int index, String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (StreamConstraintsException e) {
            return EventReport.unreadable(index, null, "the line nests too deeply or holds a value too long to be an event");
        } catch (JsonProcessingException e) {
            return EventReport.unreadable(index, null, DuplicateKey.in(e).map(DuplicateKey::inLine)
                    .orElse("the line is not valid JSON" + column(e.getLocation())));
        } catch (NumberFormatException | ArithmeticException e) {
            return EventReport.unreadable(index, null, "the line holds a number out of any range this service reads");
        }
        return read(index, node);
    }

    private static String column(JsonLocation location) {
        return location == null || location.getColumnNr() < 1 ? "" : " (column " + location.getColumnNr() + ")";
    }

    /** One element of a JSON batch. */
    public static EventReport read(int index, JsonNode node) {
        if (node == null || !node.isObject()) {
            return EventReport.unreadable(index, null, "an event is a JSON object");
        }
        String eventId = node.path("eventId").isTextual() ? node.path("eventId").asText() : null;
        try {
            return new EventReport(index, text(node, "eventId"), text(node, "type"), text(node, "phone"),
                    text(node, "countryCode"), text(node, "emailAddress"), instant(node, "occurredAt"),
                    instant(node, "reportedAt"), decimal(node, "amount"), integer(node, "overdueDays"),
                    bool(node, "autoRepayment"), null);
        } catch (IllegalArgumentException e) {
            return EventReport.unreadable(index, eventId, e.getMessage());
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String name) {
        String value = text(node, name);
        try {
            return value == null ? null : IsoInstants.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 timestamp such as 2024-07-30T08:00:00Z");
        }
    }

    private static BigDecimal decimal(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number such as 1520.50");
        }
        return value.decimalValue();
    }

    private static Integer integer(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return value.intValue();
    }

    private static Boolean bool(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return value.booleanValue();
    }
}

package dev.signals.adapter.rest.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signals.application.port.in.RetractionReport;

/**
 * Reads retractions in the JSON of contract section 4.1 ({@code {"eventId": "...", "reason": "..."}}), one at a
 * time, so that one unreadable element is rejected with its reason while the others go on: the elements of a
 * batch and the lines of the import tool's NDJSON files alike.
 */
public final class RetractionJson {

    private static final ObjectMapper MAPPER = JsonMapping.objectMapper();

    private RetractionJson() {
    }

    /** One NDJSON line; {@code index} is its line number. */
    public static RetractionReport readLine(int index, String line) {
        try {
            return read(index, MAPPER.readTree(line));
        } catch (StreamConstraintsException e) {
            return RetractionReport.unreadable(index, null, "the line nests too deeply or holds a value too long to be a retraction");
        } catch (JsonProcessingException e) {
            return RetractionReport.unreadable(index, null, DuplicateKey.in(e).map(DuplicateKey::inLine)
                    .orElse("the line is not valid JSON"));
        }
    }

    /** One element of a batch. */
    public static RetractionReport read(int index, JsonNode node) {
        if (node == null || !node.isObject()) {
            return RetractionReport.unreadable(index, null, "a retraction is a JSON object such as {\"eventId\": \"...\"}");
        }
        JsonNode eventId = node.get("eventId");
        JsonNode reason = node.get("reason");
        String id = eventId != null && eventId.isTextual() ? eventId.asText() : null;
        if (eventId != null && !eventId.isNull() && !eventId.isTextual()) {
            return RetractionReport.unreadable(index, null, "eventId must be a string");
        }
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            return RetractionReport.unreadable(index, id, "reason must be a string");
        }
        return new RetractionReport(index, id, reason == null || reason.isNull() ? null : reason.asText());
    }
}

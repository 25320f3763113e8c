package dev.signals.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Explanation} as the {@code signal_request.explanation} column: compact JSON, as a request may explain
 * 1,000 events and 108 signals. {@code {"truncated": false, "evidence": [[type, occurredAt, reportedAt, amount,
 * overdueDays, autoRepayment, institution, eventId], ...], "refs": {"signal": [1, 2], ...}}}: evidence in order
 * (its ref is {@code e} and its position from 1), refs as those positions. Amounts keep their scale.
 */
final class ExplanationColumn {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ExplanationColumn() {
    }

    static String toColumn(Explanation explanation) {
        if (explanation == null) {
            return null;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("truncated", explanation.truncated());
        ArrayNode evidence = root.putArray("evidence");
        for (Evidence e : explanation.evidence()) {
            ArrayNode row = evidence.addArray();
            row.add(e.type().name());
            row.add(e.occurredAt().toString());
            row.add(e.reportedAt().toString());
            row.add(e.amount());
            row.add(e.overdueDays());
            row.add(e.autoRepayment());
            row.add(e.institution());
            row.add(e.eventId());
        }
        ObjectNode refs = root.putObject("refs");
        explanation.refs().forEach((signal, list) -> {
            ArrayNode positions = refs.putArray(signal);
            list.forEach(ref -> positions.add(Integer.parseInt(ref.substring(1))));
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an explanation is always JSON", e);
        }
    }

    /** @throws IllegalStateException when the column is not an explanation this class wrote */
    static Explanation fromColumn(String requestId, String column) {
        if (column == null) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(column);
            List<Evidence> evidence = new ArrayList<>();
            for (JsonNode row : root.get("evidence")) {
                evidence.add(new Evidence("e" + (evidence.size() + 1), EventType.valueOf(row.get(0).asText()),
                        Instant.parse(row.get(1).asText()), Instant.parse(row.get(2).asText()),
                        row.get(3).isNull() ? null : row.get(3).decimalValue(),
                        row.get(4).isNull() ? null : row.get(4).intValue(),
                        row.get(5).isNull() ? null : row.get(5).booleanValue(),
                        row.get(6).asText(), row.get(7).isNull() ? null : row.get(7).asText()));
            }
            Map<String, List<String>> refs = new LinkedHashMap<>();
            root.get("refs").fields().forEachRemaining(entry -> {
                List<String> list = new ArrayList<>();
                entry.getValue().forEach(position -> list.add("e" + position.intValue()));
                refs.put(entry.getKey(), list);
            });
            return new Explanation(evidence, refs, root.get("truncated").booleanValue());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("stored signal request " + requestId + " has an explanation that cannot be read", e);
        }
    }
}

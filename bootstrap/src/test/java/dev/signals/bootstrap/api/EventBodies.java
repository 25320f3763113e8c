package dev.signals.bootstrap.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signals.domain.event.Event;

import java.util.Collection;

/** Events as a lender posts them to {@code POST /v1/events} (contract section 4). */
public final class EventBodies {

    private EventBodies() {
    }

    /** {@code {"events": [...]}}. */
    public static ObjectNode batch(Collection<Event> events) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(e -> array.add(json(e)));
        return body;
    }

    /** One event as JSON, every field it has. */
    public static ObjectNode json(Event e) {
        ObjectNode node = ApiClient.JSON.createObjectNode();
        node.put("eventId", e.eventId());
        node.put("type", e.type().name());
        node.put("occurredAt", e.occurredAt().toString());
        node.put("reportedAt", e.reportedAt().toString());
        if (e.phone() != null) {
            node.put("phone", e.phone().e164());
        }
        if (e.emailAddress() != null) {
            node.put("emailAddress", e.emailAddress().value());
        }
        if (e.amount() != null) {
            node.put("amount", e.amount());
        }
        if (e.overdueDays() != null) {
            node.put("overdueDays", e.overdueDays());
        }
        if (e.autoRepayment() != null) {
            node.put("autoRepayment", e.autoRepayment());
        }
        return node;
    }
}

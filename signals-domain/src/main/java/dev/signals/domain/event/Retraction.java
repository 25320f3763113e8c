package dev.signals.domain.event;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.Text;

/**
 * An institution's withdrawal of an event it reported (CONTRACT §4.1): the event's {@code eventId} (1–128
 * characters) and, optionally, why (at most 500 characters). From the moment it is committed the event no
 * longer counts (§3.2), while requests as of an earlier instant still see it.
 */
public record Retraction(String eventId, String reason) {

    public static final int MAX_REASON_LENGTH = 500;

    public Retraction {
        if (eventId == null || eventId.isEmpty() || Text.length(eventId) > Event.MAX_EVENT_ID_LENGTH) {
            throw new InvalidValueException("eventId",
                    "eventId is required and must have 1 to " + Event.MAX_EVENT_ID_LENGTH + " characters");
        }
        Text.optional("reason", reason, MAX_REASON_LENGTH);
    }
}

package dev.signals.domain.event;

import java.time.Instant;
import java.util.Objects;

/** An event and the instant its retraction was committed: known at {@code T} only while {@code T < retractedAt}. */
public record RetractedEvent(Event event, Instant retractedAt) {

    public RetractedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(retractedAt, "retractedAt");
    }
}

package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.ReportEventsUseCase.Rejection;

/**
 * A refused event: its index (position in a JSON batch, 0-based line number in an NDJSON stream), its
 * {@code eventId} or null when it had none that could be read, and why.
 */
record RejectedEventResponse(int index, String eventId, String message) {

    static RejectedEventResponse of(Rejection rejection) {
        return new RejectedEventResponse(rejection.index(), rejection.eventId(), rejection.message());
    }
}

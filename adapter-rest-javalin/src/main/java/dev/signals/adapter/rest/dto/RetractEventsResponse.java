package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.RetractEventsUseCase.RetractOutcome;

import java.util.List;

/** What became of the retractions (contract section 4.1): counts, and each refused one with why. */
public record RetractEventsResponse(int retracted, int alreadyRetracted, List<RejectedEventResponse> rejected) {

    public static RetractEventsResponse of(RetractOutcome outcome) {
        return new RetractEventsResponse(outcome.retracted(), outcome.alreadyRetracted(),
                outcome.rejected().stream().map(RejectedEventResponse::of).toList());
    }
}

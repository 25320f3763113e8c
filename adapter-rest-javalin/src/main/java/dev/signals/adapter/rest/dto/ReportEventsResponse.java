package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.ReportEventsUseCase.ReportOutcome;

import java.util.List;

/** What became of the reported events (contract section 4): counts, and each refused event with why. */
public record ReportEventsResponse(int accepted, int duplicates, List<RejectedEventResponse> rejected) {

    public static ReportEventsResponse of(ReportOutcome outcome) {
        return new ReportEventsResponse(outcome.accepted(), outcome.duplicates(),
                outcome.rejected().stream().map(RejectedEventResponse::of).toList());
    }
}

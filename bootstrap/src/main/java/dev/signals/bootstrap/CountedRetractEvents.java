package dev.signals.bootstrap;

import dev.signals.application.port.in.RetractEventsUseCase;
import dev.signals.application.port.in.RetractionReport;
import dev.signals.domain.account.InstitutionId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * Counts retractions (contract section 4.1) beside the reported events, in the same {@code signals.events}
 * (Prometheus: {@code signals_events_total}) with {@code outcome} retracted, already_retracted or
 * retraction_rejected, so that one query shows what the network was told and what it was told to forget. A batch
 * refused whole counts nothing.
 */
final class CountedRetractEvents implements RetractEventsUseCase {

    private final RetractEventsUseCase retractions;
    private final Counter retracted;
    private final Counter alreadyRetracted;
    private final Counter rejected;

    CountedRetractEvents(RetractEventsUseCase retractions, MeterRegistry registry) {
        this.retractions = retractions;
        this.retracted = CountedReportEvents.counter(registry, "retracted");
        this.alreadyRetracted = CountedReportEvents.counter(registry, "already_retracted");
        this.rejected = CountedReportEvents.counter(registry, "retraction_rejected");
    }

    @Override
    public RetractOutcome retract(InstitutionId institution, List<RetractionReport> reports) {
        RetractOutcome outcome = retractions.retract(institution, reports);
        retracted.increment(outcome.retracted());
        alreadyRetracted.increment(outcome.alreadyRetracted());
        rejected.increment(outcome.rejected().size());
        return outcome;
    }
}

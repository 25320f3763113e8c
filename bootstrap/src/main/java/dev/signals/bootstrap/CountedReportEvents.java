package dev.signals.bootstrap;

import dev.signals.application.port.in.EventReport;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.domain.account.InstitutionId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * Counts reported events by what became of them, as {@code signals.events} (Prometheus:
 * {@code signals_events_total}) with {@code outcome} accepted, duplicate or rejected. Every batch, and every
 * chunk of an NDJSON stream, passes here, unreadable lines included (they reach the use case as rejections);
 * a batch refused whole (empty, too large, the database down) counts nothing: nothing of it was kept.
 * Retractions count in the same meter ({@link CountedRetractEvents}).
 */
final class CountedReportEvents implements ReportEventsUseCase {

    static final String COUNTER = "signals.events";

    private final ReportEventsUseCase events;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;

    CountedReportEvents(ReportEventsUseCase events, MeterRegistry registry) {
        this.events = events;
        this.accepted = counter(registry, "accepted");
        this.duplicates = counter(registry, "duplicate");
        this.rejected = counter(registry, "rejected");
    }

    static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(COUNTER)
                .description("Reported events and retractions, by outcome: accepted, duplicate, rejected; retracted, "
                        + "already_retracted, retraction_rejected")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public ReportOutcome report(InstitutionId institution, List<EventReport> reports) {
        ReportOutcome outcome = events.report(institution, reports);
        accepted.increment(outcome.accepted());
        duplicates.increment(outcome.duplicates());
        rejected.increment(outcome.rejected().size());
        return outcome;
    }
}

package dev.signals.application.service;

import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.in.ReportEventsUseCase.Rejection;
import dev.signals.application.port.in.RetractEventsUseCase;
import dev.signals.application.port.in.RetractionReport;
import dev.signals.application.port.out.AppendedEventsPort;
import dev.signals.application.port.out.EventJournalPort;
import dev.signals.application.port.out.EventJournalPort.RetractResult;
import dev.signals.application.port.out.EventJournalPort.Retracted;
import dev.signals.domain.DomainException;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.Retraction;
import dev.signals.domain.time.ServiceInstant;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Retractions (contract section 4.1): each is checked on its own, the good ones are journaled in one transaction
 * (committed before the answer) at the server's time, and then this node's index learns of them at once; the
 * others nodes' indexes read them from the journal.
 */
public final class RetractionService implements RetractEventsUseCase {

    private final EventJournalPort journal;
    private final AppendedEventsPort index;
    private final Clock clock;

    public RetractionService(EventJournalPort journal, AppendedEventsPort index, Clock clock) {
        this.journal = journal;
        this.index = index;
        this.clock = clock;
    }

    @Override
    public RetractOutcome retract(InstitutionId institution, List<RetractionReport> reports) {
        if (reports.isEmpty()) {
            throw InvalidCommandException.of("retractions", "must hold at least one retraction");
        }
        if (reports.size() > MAX_BATCH) {
            throw InvalidCommandException.of("retractions", "a batch holds at most " + MAX_BATCH + " retractions, this one "
                    + reports.size());
        }
        List<Rejection> rejected = new ArrayList<>();
        List<Retraction> candidates = new ArrayList<>();
        List<RetractionReport> candidateReports = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int alreadyRetracted = 0;
        for (RetractionReport report : reports) {
            if (report.unreadable() != null) {
                rejected.add(new Rejection(report.index(), report.eventId(), report.unreadable()));
                continue;
            }
            Retraction retraction;
            try {
                retraction = new Retraction(report.eventId(), report.reason());
            } catch (DomainException e) {
                rejected.add(new Rejection(report.index(), report.eventId(), e.getMessage()));
                continue;
            }
            if (ids.add(retraction.eventId())) {
                candidates.add(retraction);
                candidateReports.add(report);
            } else {
                alreadyRetracted++;   // the same id earlier in this batch retracts it
            }
        }
        int retracted = 0;
        if (!candidates.isEmpty()) {
            Instant now = ServiceInstant.now(clock.instant()).value();
            RetractResult result = journal.retract(institution, candidates, now);
            for (int i = 0; i < candidates.size(); i++) {
                Retracted outcome = result.outcomes().get(i);
                switch (outcome) {
                    case RETRACTED -> retracted++;
                    case ALREADY_RETRACTED -> alreadyRetracted++;
                    case UNKNOWN -> rejected.add(new Rejection(candidateReports.get(i).index(), candidates.get(i).eventId(),
                            "this institution reported no event with eventId " + candidates.get(i).eventId()));
                }
            }
            if (!result.retracted().isEmpty()) {
                index.indexRetracted(result.transaction(), result.retracted());
            }
        }
        rejected.sort(Comparator.comparingInt(Rejection::index));
        return new RetractOutcome(retracted, alreadyRetracted, rejected);
    }
}

package dev.signals.adapter.rest;

import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.in.EventReport;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.application.port.in.RetractEventsUseCase;
import dev.signals.application.port.in.RetractionReport;
import dev.signals.domain.account.InstitutionId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link ReportEventsUseCase} in memory for HTTP tests, strict where the service is: a call holds 1 to
 * {@link #MAX_BATCH} events, or is refused; an unreadable event is rejected with the transport's reason, one
 * without {@code eventId} or {@code type} is rejected, an {@code eventId} the institution already reported is a
 * duplicate. Rejections carry the report's index, as the service's do. Every call is recorded, also a failed
 * one; {@link #failCall} makes one call throw, storing nothing of it. Retractions: an event the institution stored
 * is retracted once, then already retracted; any other id, or one without, is rejected.
 */
public final class InMemoryEventReports implements ReportEventsUseCase, RetractEventsUseCase {

    private final Map<InstitutionId, Map<String, EventReport>> stored = new HashMap<>();
    private final List<List<EventReport>> calls = new ArrayList<>();
    private final Map<InstitutionId, Set<String>> retracted = new HashMap<>();
    private final List<List<RetractionReport>> retractionCalls = new ArrayList<>();
    private int failingCall = -1;
    private RuntimeException failure;

    /** Call number {@code call} (0-based) throws {@code e}. */
    public void failCall(int call, RuntimeException e) {
        this.failingCall = call;
        this.failure = e;
    }

    /** The reports of each call, in order. */
    public List<List<EventReport>> calls() {
        return calls;
    }

    /** The events stored for {@code institution}, by eventId, in the order they came. */
    public Map<String, EventReport> storedFor(InstitutionId institution) {
        return stored.getOrDefault(institution, Map.of());
    }

    @Override
    public ReportOutcome report(InstitutionId institution, List<EventReport> events) {
        calls.add(List.copyOf(events));
        if (calls.size() - 1 == failingCall) {
            throw failure;
        }
        if (events.isEmpty()) {
            throw InvalidCommandException.of("events", "must hold at least one event");
        }
        if (events.size() > ReportEventsUseCase.MAX_BATCH) {
            throw InvalidCommandException.of("events", "a batch holds at most " + ReportEventsUseCase.MAX_BATCH + " events, this one " + events.size());
        }
        Map<String, EventReport> mine = stored.computeIfAbsent(institution, id -> new LinkedHashMap<>());
        int accepted = 0;
        int duplicates = 0;
        List<Rejection> rejected = new ArrayList<>();
        for (EventReport event : events) {
            if (event.unreadable() != null) {
                rejected.add(new Rejection(event.index(), event.eventId(), event.unreadable()));
            } else if (event.eventId() == null) {
                rejected.add(new Rejection(event.index(), null, "eventId is required"));
            } else if (event.type() == null) {
                rejected.add(new Rejection(event.index(), event.eventId(), "type is required"));
            } else if (mine.putIfAbsent(event.eventId(), event) != null) {
                duplicates++;
            } else {
                accepted++;
            }
        }
        return new ReportOutcome(accepted, duplicates, rejected);
    }

    /** The retractions of each call, in order. */
    public List<List<RetractionReport>> retractionCalls() {
        return retractionCalls;
    }

    @Override
    public RetractOutcome retract(InstitutionId institution, List<RetractionReport> retractions) {
        retractionCalls.add(List.copyOf(retractions));
        if (retractions.isEmpty()) {
            throw InvalidCommandException.of("retractions", "must hold at least one retraction");
        }
        Set<String> mine = retracted.computeIfAbsent(institution, id -> new HashSet<>());
        int done = 0;
        int already = 0;
        List<Rejection> rejected = new ArrayList<>();
        for (RetractionReport retraction : retractions) {
            if (retraction.unreadable() != null) {
                rejected.add(new Rejection(retraction.index(), retraction.eventId(), retraction.unreadable()));
            } else if (retraction.eventId() == null || !storedFor(institution).containsKey(retraction.eventId())) {
                rejected.add(new Rejection(retraction.index(), retraction.eventId(), "no such event"));
            } else if (mine.add(retraction.eventId())) {
                done++;
            } else {
                already++;
            }
        }
        return new RetractOutcome(done, already, rejected);
    }
}

package dev.signals.adapter.eventsource.inmemory;

import dev.signals.application.port.out.LoadSubjectEventsPort;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.event.Event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events known to the network, indexed by every subject key of each event (a phone's E.164 form
 * and both MD5 forms, an e-mail address), so that any accepted form of a subject finds its events in
 * time proportional to that subject's events. Until ingestion lands it starts empty, and every
 * signal request completes with NO_DATA.
 */
public final class InMemoryEventIndex implements LoadSubjectEventsPort {

    private final Map<String, List<Event>> bySubjectKey = new ConcurrentHashMap<>();

    /** Adds events; each becomes visible under every key of its subject. */
    public void addAll(Collection<Event> events) {
        for (Event event : events) {
            for (String key : event.subjectKeys()) {
                bySubjectKey.compute(key, (k, list) -> {
                    List<Event> updated = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
                    updated.add(event);
                    return List.copyOf(updated);
                });
            }
        }
    }

    @Override
    public EventHistory eventsOf(String subjectKey) {
        List<Event> events = bySubjectKey.get(subjectKey);
        return events == null ? EventHistory.empty() : EventHistory.of(events);
    }

    /** The number of distinct subject keys with at least one event. */
    public int subjectKeyCount() {
        return bySubjectKey.size();
    }
}

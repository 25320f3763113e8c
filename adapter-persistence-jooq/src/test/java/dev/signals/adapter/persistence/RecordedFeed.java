package dev.signals.adapter.persistence;

import dev.signals.application.port.out.JournalFeedPort.FedEvent;
import dev.signals.application.port.out.JournalFeedPort.FedRetraction;
import dev.signals.application.port.out.JournalFeedPort.FeedSink;

import java.util.ArrayList;
import java.util.List;

/** What reads of the journal's feed handed over, and in which order. */
class RecordedFeed implements FeedSink {

    final List<FedEvent> events = new ArrayList<>();
    final List<FedRetraction> retractions = new ArrayList<>();
    final List<String> order = new ArrayList<>();

    @Override
    public void events(List<FedEvent> page) {
        events.addAll(page);
        order.add("events");
    }

    @Override
    public void retractions(List<FedRetraction> page) {
        retractions.addAll(page);
        order.add("retractions");
    }
}

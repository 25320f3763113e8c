package dev.signals.adapter.eventsource.inmemory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.signals.application.port.out.EventIndexPort;
import dev.signals.application.port.out.LoadSubjectEventsPort;

/** Binds the in-memory event index as the service's event source and the place new events are indexed. */
public final class InMemoryEventSourceModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(LoadSubjectEventsPort.class).to(InMemoryEventIndex.class);
        bind(EventIndexPort.class).to(InMemoryEventIndex.class);
    }

    @Provides
    @Singleton
    InMemoryEventIndex eventIndex() {
        return new InMemoryEventIndex();
    }
}

package archfixtures.micrometerinindex.adapter.eventsource.inmemory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** An in-memory adapter class that counts into Micrometer itself. */
public final class CountingIndex {

    private final Counter added;

    public CountingIndex(MeterRegistry registry) {
        this.added = registry.counter("index.added");
    }

    public void add() {
        added.increment();
    }
}

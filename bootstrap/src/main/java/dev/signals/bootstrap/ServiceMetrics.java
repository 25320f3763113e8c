package dev.signals.bootstrap;

import dev.signals.adapter.eventsource.inmemory.InMemoryEventIndex;
import dev.signals.application.port.in.IndexStatusQuery.IndexStatus;
import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The service's one metrics registry, behind {@code GET /metrics}: the JVM (memory, garbage collection,
 * threads, classes, processor, uptime) and the in-memory index's size are bound here; the HTTP adapter
 * times requests, the database pool reports itself, and the counting use cases count signal requests and
 * events into the same registry. One per running service, never the global registry, so that two services
 * in one JVM (tests) count apart. Closing it stops listening to the garbage collector.
 */
final class ServiceMetrics implements AutoCloseable {

    static final String INDEX_EVENTS = "signals.index.events";
    static final String INDEX_SUBJECTS = "signals.index.subjects";
    static final String INDEX_LAG = "signals.index.lag";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics garbageCollection = new JvmGcMetrics();

    /** @param following how far the index follows the journal, asked for at each scrape */
    ServiceMetrics(InMemoryEventIndex index, Supplier<IndexStatus> following) {
        new JvmMemoryMetrics().bindTo(registry);
        garbageCollection.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder(INDEX_EVENTS, index, InMemoryEventIndex::size)
                .description("Events in the in-memory index").baseUnit("events").register(registry);
        Gauge.builder(INDEX_SUBJECTS, index, InMemoryEventIndex::subjectCount)
                .description("Subjects (phone numbers, e-mail addresses) in the in-memory index").baseUnit("subjects").register(registry);
        // Held strongly: a gauge keeps only a weak reference to what it reads, and nothing else holds this supplier.
        Gauge.builder(INDEX_LAG, following, ServiceMetrics::lagSeconds).strongReference(true)
                .description("How old this node's view of the journal is: the time since its index last read up to the"
                        + " journal's horizon of that moment (NaN while it starts)").baseUnit("seconds").register(registry);
    }

    private static double lagSeconds(Supplier<IndexStatus> following) {
        Duration lag = following.get().lag();
        return lag == null ? Double.NaN : lag.toNanos() / 1e9;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        garbageCollection.close();
        registry.close();
    }
}

package dev.signals.application.port.in;

/** At start: load every journaled event into the event index before requests are served. */
public interface RebuildEventIndexUseCase {

    /** @return the number of events loaded */
    long rebuild();
}

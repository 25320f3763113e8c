package dev.signals.application.port.out;

import dev.signals.domain.request.SignalRequest;

/** Stores signal requests. */
public interface SaveSignalRequestPort {

    /** Inserts a new request, in whatever state it is; all of it or nothing. */
    void insert(SignalRequest request);

    /** Replaces the state of a stored request (a PROCESSING one that has finished). */
    void update(SignalRequest request);
}

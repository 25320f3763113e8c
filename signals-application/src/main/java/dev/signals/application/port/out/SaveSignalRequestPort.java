package dev.signals.application.port.out;

import dev.signals.domain.request.SignalRequest;

/** Stores signal requests. */
public interface SaveSignalRequestPort {

    /** Inserts a new request, finished (a request is computed before it is stored); all of it or nothing. */
    void insert(SignalRequest request);
}

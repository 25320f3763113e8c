package dev.signals.domain.request;

/** Where a signal request is in its lifecycle: PROCESSING, then COMPLETED or ERROR (CONTRACT §2.2). */
public enum RequestStatus {
    PROCESSING,
    COMPLETED,
    ERROR
}

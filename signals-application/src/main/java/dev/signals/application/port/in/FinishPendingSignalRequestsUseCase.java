package dev.signals.application.port.in;

/**
 * At start, once the event index is complete: finish every signal request still PROCESSING (left so by
 * a crash, or by an event source that could not answer in time), so that none stays there.
 */
public interface FinishPendingSignalRequestsUseCase {

    /** @return the number of requests finished */
    int finishPending();
}

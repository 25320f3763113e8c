package dev.signals.application.port.out;

import dev.signals.domain.request.SignalRequest;

/** Stores signal requests. */
public interface SaveSignalRequestPort {

    /** Inserts a new request, finished (a request is computed before it is stored); all of it or nothing. */
    void insert(SignalRequest request);

    /**
     * Starts inserting a new request as {@link #insert} does and returns before it is durable, so that the caller can
     * prepare its answer meanwhile; the request is durable once {@link PendingInsert#awaitCommitted} returns, which the
     * caller must call before it answers. A store that cannot overlap inserts, by default, inserts at once.
     */
    default PendingInsert startInsert(SignalRequest request) {
        insert(request);
        return () -> { };
    }

    /** An insert under way. */
    interface PendingInsert {

        /**
         * Returns once the request is committed.
         *
         * @throws dev.signals.application.port.StorageUnavailableException when the database cannot be reached
         */
        void awaitCommitted();
    }
}

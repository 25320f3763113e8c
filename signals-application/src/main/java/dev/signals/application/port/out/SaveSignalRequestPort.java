package dev.signals.application.port.out;

import dev.signals.domain.request.SignalRequest;

/**
 * Stores signal requests. An account stores at most one request under an idempotency key
 * ({@link SignalRequest#idempotency()}), across every node of the database: a request whose key is taken is not stored,
 * and the store answers with the request that holds the key.
 */
public interface SaveSignalRequestPort {

    /**
     * Inserts a new request, finished (a request is computed before it is stored); all of it or nothing.
     *
     * @return {@code request}, or, when its account had stored a request under its idempotency key, that request (and
     *         nothing was inserted)
     */
    SignalRequest insert(SignalRequest request);

    /**
     * Starts inserting a new request as {@link #insert} does and returns before it is durable, so that the caller can
     * prepare its answer meanwhile; the request is durable once {@link PendingInsert#awaitCommitted} returns, which the
     * caller must call before it answers. A store that cannot overlap inserts, by default, inserts at once.
     */
    default PendingInsert startInsert(SignalRequest request) {
        SignalRequest stored = insert(request);
        return () -> stored;
    }

    /** An insert under way. */
    interface PendingInsert {

        /**
         * Returns once the request is committed.
         *
         * @return what {@link #insert} returns: the request, or the one that held its idempotency key
         * @throws dev.signals.application.port.StorageUnavailableException when the database cannot be reached
         */
        SignalRequest awaitCommitted();
    }
}

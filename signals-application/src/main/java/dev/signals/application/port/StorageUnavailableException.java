package dev.signals.application.port;

/**
 * The database cannot be reached now. Raised by persistence adapters for connection failures (not for
 * bad statements), so that callers answer 503 and nothing is half-written.
 */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.signals.application.port;

/**
 * Nothing of that kind with that id exists for the caller. Another account's resource is reported the
 * same way, so that its existence is never revealed.
 */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}

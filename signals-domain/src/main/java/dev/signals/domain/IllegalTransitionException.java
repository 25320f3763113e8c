package dev.signals.domain;

/**
 * A signal request was asked to move to a status or result code that its lifecycle does not
 * allow from where it is (CONTRACT §2.2). This is a bug in the caller, not a client error.
 */
public final class IllegalTransitionException extends DomainException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}

package dev.signals.domain;

/**
 * A rule of the domain was broken. Every exception the domain throws on purpose is one of these,
 * and its message is written for the client who sent the value: what was wrong and what is
 * accepted.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }
}

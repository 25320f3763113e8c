package dev.signals.domain.subject;

import java.util.List;

/**
 * Whom a signal request is about: a phone number, the MD5 of one, or an e-mail address
 * (CONTRACT §2.1). {@link #lookupKey()} is one of the {@link SubjectKeys} under which the
 * subject's events are indexed, so any accepted form of a number finds the same events.
 */
public sealed interface Subject permits PhoneSubject, PhoneHashSubject, EmailSubject {

    /** The key under which this subject's events are found. */
    String lookupKey();

    /**
     * Every key this subject is known by. Two subjects denote the same person's number or
     * address when their keys intersect (a phone and the MD5 of that phone do).
     */
    List<String> keys();

    /**
     * Whether {@code other} denotes the same number or address as far as the service can tell: their {@link #keys()}
     * intersect. A list filtered by a subject shows the requests made with every such subject (CONTRACT §2.4).
     */
    default boolean sharesAKeyWith(Subject other) {
        return keys().stream().anyMatch(other.keys()::contains);
    }

    /** A masked rendering for logs. */
    String masked();
}

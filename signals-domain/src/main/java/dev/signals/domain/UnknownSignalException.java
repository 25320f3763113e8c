package dev.signals.domain;

import java.util.List;

/**
 * One or more names are not in the signal catalogue (CONTRACT §3.1). The message lists every
 * unknown name, so a client can fix them all at once.
 */
public final class UnknownSignalException extends DomainException {

    private final List<String> unknownNames;

    public UnknownSignalException(List<String> unknownNames) {
        super(messageFor(unknownNames));
        this.unknownNames = List.copyOf(unknownNames);
    }

    /** The unknown names, in the order they were given, without repetitions. */
    public List<String> unknownNames() {
        return unknownNames;
    }

    private static String messageFor(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an UnknownSignalException needs at least one name");
        }
        return (names.size() == 1 ? "unknown signal: " : "unknown signals: ")
                + String.join(", ", names)
                + "; GET /v1/catalog lists the known signal names";
    }
}

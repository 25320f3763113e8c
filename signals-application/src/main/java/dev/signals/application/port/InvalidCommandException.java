package dev.signals.application.port;

import java.util.List;

/**
 * A command broke a rule checked before any state is touched: the fields, named as the client spelled
 * them (e.g. {@code consent.consentedAt}), with what is wrong with each.
 */
public final class InvalidCommandException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidCommandException(List<Violation> violations) {
        super(summary(violations), null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid command has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidCommandException of(String field, String message) {
        return new InvalidCommandException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        return violations.size() == 1
                ? violations.get(0).field() + " " + violations.get(0).message()
                : violations.size() + " fields are invalid";
    }

    /** One field and what is wrong with it. */
    public record Violation(String field, String message) {
    }
}

package dev.signals.application;

import dev.signals.application.port.InvalidCommandException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Checks a command's Bean Validation constraints and reports every broken one at once. */
public final class CommandValidation {

    private final Validator validator;

    public CommandValidation(Validator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** @throws InvalidCommandException listing each violated field, sorted by field name */
    public <T> T check(T command) {
        Set<ConstraintViolation<T>> violations = validator.validate(command);
        if (!violations.isEmpty()) {
            List<InvalidCommandException.Violation> fields = violations.stream()
                    .map(v -> new InvalidCommandException.Violation(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(InvalidCommandException.Violation::field)
                            .thenComparing(InvalidCommandException.Violation::message))
                    .toList();
            throw new InvalidCommandException(fields);
        }
        return command;
    }
}

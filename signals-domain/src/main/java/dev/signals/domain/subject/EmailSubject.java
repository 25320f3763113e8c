package dev.signals.domain.subject;

import java.util.List;
import java.util.Objects;

/** A subject given by its e-mail address. */
public record EmailSubject(EmailAddress emailAddress) implements Subject {

    public EmailSubject {
        Objects.requireNonNull(emailAddress, "emailAddress");
    }

    @Override
    public String lookupKey() {
        return SubjectKeys.emailKey(emailAddress);
    }

    @Override
    public List<String> keys() {
        return List.of(lookupKey());
    }

    @Override
    public String masked() {
        return emailAddress.masked();
    }
}

package dev.signals.domain.subject;

import java.util.List;
import java.util.Objects;

/** A subject given by its phone number, normalised to E.164. */
public record PhoneSubject(PhoneNumber phone) implements Subject {

    public PhoneSubject {
        Objects.requireNonNull(phone, "phone");
    }

    @Override
    public String lookupKey() {
        return SubjectKeys.phoneKey(phone);
    }

    @Override
    public List<String> keys() {
        return SubjectKeys.keysOf(phone);
    }

    @Override
    public String masked() {
        return phone.masked();
    }
}

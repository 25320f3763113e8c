package dev.signals.domain.subject;

import java.util.List;
import java.util.Objects;

/** A subject given by the MD5 of its phone's E.164 form, with or without {@code +}. */
public record PhoneHashSubject(Md5Hash hash) implements Subject {

    public PhoneHashSubject {
        Objects.requireNonNull(hash, "hash");
    }

    @Override
    public String lookupKey() {
        return SubjectKeys.hashKey(hash);
    }

    @Override
    public List<String> keys() {
        return List.of(lookupKey());
    }

    @Override
    public String masked() {
        return "md5:" + hash.masked();
    }
}

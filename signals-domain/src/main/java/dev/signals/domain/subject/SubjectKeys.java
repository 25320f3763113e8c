package dev.signals.domain.subject;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys under which an event is indexed so that every accepted form of its subject finds it
 * (CONTRACT §2.1, §4): a phone under {@code tel:+E164}, {@code md5:md5("+E164")} and
 * {@code md5:md5("E164 digits")}; an e-mail under {@code email:address}. The prefixes keep the
 * kinds from colliding. A {@link Subject#lookupKey()} is always one of these.
 */
public final class SubjectKeys {

    private static final String PHONE = "tel:";
    private static final String MD5 = "md5:";
    private static final String EMAIL = "email:";

    private SubjectKeys() {
    }

    /** What every phone's key starts with: {@code tel:}. */
    public static String phoneKeyPrefix() {
        return PHONE;
    }

    /** {@code tel:+639171234567}. */
    public static String phoneKey(PhoneNumber phone) {
        return PHONE + phone.e164();
    }

    /** {@code md5:} and the lower-case hex. */
    public static String hashKey(Md5Hash hash) {
        return MD5 + hash.hex();
    }

    /** {@code email:} and the normalised address. */
    public static String emailKey(EmailAddress emailAddress) {
        return EMAIL + emailAddress.value();
    }

    /** The three keys of a phone: its E.164 form and both MD5 forms. */
    public static List<String> keysOf(PhoneNumber phone) {
        return List.of(phoneKey(phone), MD5 + phone.md5WithPlus(), MD5 + phone.md5WithoutPlus());
    }

    /**
     * The keys of an event with this phone and/or e-mail address (either may be null, not both).
     */
    public static List<String> keysOf(PhoneNumber phone, EmailAddress emailAddress) {
        if (phone == null && emailAddress == null) {
            throw new IllegalArgumentException("an event has a phone, an e-mail address or both");
        }
        List<String> keys = new ArrayList<>(4);
        if (phone != null) {
            keys.addAll(keysOf(phone));
        }
        if (emailAddress != null) {
            keys.add(emailKey(emailAddress));
        }
        return List.copyOf(keys);
    }

    /**
     * The subject whose {@link Subject#lookupKey()} this is: the inverse of the lookup key, for a
     * subject read back from storage.
     *
     * @throws IllegalArgumentException for a string that is no lookup key
     */
    public static Subject subjectOf(String lookupKey) {
        if (lookupKey != null && lookupKey.startsWith(PHONE)) {
            return new PhoneSubject(new PhoneNumber(lookupKey.substring(PHONE.length())));
        }
        if (lookupKey != null && lookupKey.startsWith(MD5)) {
            return new PhoneHashSubject(new Md5Hash(lookupKey.substring(MD5.length())));
        }
        if (lookupKey != null && lookupKey.startsWith(EMAIL)) {
            return new EmailSubject(new EmailAddress(lookupKey.substring(EMAIL.length())));
        }
        throw new IllegalArgumentException("not a subject lookup key: it starts with tel:, md5: or email:");
    }
}

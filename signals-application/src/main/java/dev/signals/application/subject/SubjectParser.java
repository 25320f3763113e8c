package dev.signals.application.subject;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.Subject;

/**
 * Reads the subject of a signal request (CONTRACT §2.1): exactly one of {@code phone} (any form
 * {@link PhoneNumbers} accepts, MD5 included) or {@code emailAddress} (trimmed, lower-cased). A
 * null or blank field counts as absent. Thread-safe.
 */
public final class SubjectParser {

    private final PhoneNumbers phoneNumbers;

    public SubjectParser(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }

    public SubjectParser() {
        this(new PhoneNumbers());
    }

    /**
     * The subject of a request.
     *
     * @throws InvalidValueException on {@code phone}, {@code countryCode} or {@code emailAddress}
     *                               when neither or both are given or the one given is invalid
     */
    public Subject parse(String phone, String countryCode, String emailAddress) {
        boolean hasPhone = phone != null && !phone.isBlank();
        boolean hasEmail = emailAddress != null && !emailAddress.isBlank();
        if (hasPhone && hasEmail) {
            throw new InvalidValueException("emailAddress",
                    "give either phone or emailAddress, not both: a signal request is about one subject");
        }
        if (!hasPhone && !hasEmail) {
            throw new InvalidValueException("phone", "phone or emailAddress is required");
        }
        if (hasPhone) {
            return phoneNumbers.parse(phone, countryCode);
        }
        phoneNumbers.region(countryCode);
        return new EmailSubject(email(emailAddress));
    }

    /**
     * An e-mail address, trimmed and lower-cased.
     *
     * @throws InvalidValueException on {@code emailAddress}
     */
    public EmailAddress email(String emailAddress) {
        return new EmailAddress(emailAddress);
    }
}

package dev.signals.application.port.out;

import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneNumber;

import java.util.Optional;

/** The events known about one subject, whatever their age; the calculation filters them. */
public interface LoadSubjectEventsPort {

    /**
     * @param subjectKey a subject's lookup key ({@link dev.signals.domain.subject.Subject#lookupKey()})
     * @return the subject's events, empty when none is known
     */
    EventHistory eventsOf(String subjectKey);

    /** The phone number, among those the network has events of, whose MD5 (with or without {@code +}) this is. */
    Optional<PhoneNumber> phoneOf(Md5Hash hash);
}

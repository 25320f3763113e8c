package dev.signals.application.port.out;

import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.Subject;

import java.util.Optional;

/** The events known about one subject, whatever their age; the calculation filters them. */
public interface LoadSubjectEventsPort {

    /** The subject's events (a phone's whichever form the request named it by), empty when none is known. */
    EventHistory eventsOf(Subject subject);

    /** The phone number, among those the network has events of, whose MD5 (with or without {@code +}) this is. */
    Optional<PhoneNumber> phoneOf(Md5Hash hash);
}

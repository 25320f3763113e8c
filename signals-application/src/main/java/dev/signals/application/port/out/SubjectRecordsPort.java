package dev.signals.application.port.out;

import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;

import java.util.List;

/**
 * A subject's events as the journal, the source of truth, holds them now: every field, event ids included, and the
 * retractions of any of them. What an explained request shows (contract section 2.5); the in-memory index answers
 * every other request and keeps no event ids but those of balances.
 */
public interface SubjectRecordsPort {

    /**
     * The events with this phone, in the order of the journal.
     *
     * @throws dev.signals.application.port.StorageUnavailableException when the journal cannot be reached
     */
    SubjectRecords ofPhone(PhoneNumber phone);

    /** The same for an e-mail address. */
    SubjectRecords ofEmailAddress(EmailAddress emailAddress);

    /** The events and, of some of them, their retractions. */
    record SubjectRecords(List<Event> events, List<RetractedEvent> retractions) {

        public SubjectRecords {
            events = List.copyOf(events);
            retractions = List.copyOf(retractions);
        }
    }
}

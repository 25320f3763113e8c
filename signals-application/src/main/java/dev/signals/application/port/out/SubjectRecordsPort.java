package dev.signals.application.port.out;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;

import java.util.List;
import java.util.Set;

/**
 * A subject's events as the journal, the source of truth, holds them now: every field, event ids included, and the
 * retractions of any of them. The in-memory index answers every request and keeps no event ids but those of
 * balances; an explained request (contract section 2.5) reads here the ids it shows or orders by, of a few
 * institutions; a request whose {@code asOf} lies before what the index holds in full reads all of a subject's events
 * here.
 */
public interface SubjectRecordsPort {

    /**
     * The events with this phone that these institutions reported, in the order of the journal; none, without
     * reading the journal, for no institution.
     *
     * @throws dev.signals.application.port.StorageUnavailableException when the journal cannot be reached
     */
    SubjectRecords ofPhone(PhoneNumber phone, Set<InstitutionId> institutions);

    /** The same for an e-mail address. */
    SubjectRecords ofEmailAddress(EmailAddress emailAddress, Set<InstitutionId> institutions);

    /**
     * Every event with this phone, whoever reported it, with the retractions of those retracted: what a request reads
     * when the index no longer holds enough of the subject's history for its {@code asOf} (issue 18).
     *
     * @throws dev.signals.application.port.StorageUnavailableException when the journal cannot be reached
     */
    SubjectRecords allOfPhone(PhoneNumber phone);

    /** The same for an e-mail address. */
    SubjectRecords allOfEmailAddress(EmailAddress emailAddress);

    /** The events and, of some of them, their retractions. */
    record SubjectRecords(List<Event> events, List<RetractedEvent> retractions) {

        public SubjectRecords {
            events = List.copyOf(events);
            retractions = List.copyOf(retractions);
        }
    }
}

package dev.signals.application.service;

import dev.signals.application.port.InvalidCommandException;
import dev.signals.application.port.in.EventReport;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.application.port.out.AppendedEventsPort;
import dev.signals.application.port.out.EventJournalPort;
import dev.signals.application.subject.PhoneNumbers;
import dev.signals.domain.DomainException;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events reported by an institution (contract section 4): each is checked on its own, the good ones
 * are journaled (committed before the answer) and then indexed; the bad ones are listed with the
 * reason. An event id already journaled for the institution is a duplicate when the content is the
 * same, and rejected when it differs.
 */
public final class EventReportService implements ReportEventsUseCase {

    private final EventJournalPort journal;
    private final AppendedEventsPort index;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    public EventReportService(EventJournalPort journal, AppendedEventsPort index, PhoneNumbers phoneNumbers, Clock clock) {
        this.journal = journal;
        this.index = index;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    @Override
    public ReportOutcome report(InstitutionId institution, List<EventReport> reports) {
        if (reports.isEmpty()) {
            throw InvalidCommandException.of("events", "must hold at least one event");
        }
        if (reports.size() > MAX_BATCH) {
            throw InvalidCommandException.of("events", "a batch holds at most " + MAX_BATCH + " events, this one " + reports.size());
        }
        Instant receivedAt = clock.instant();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Event> byId = new HashMap<>();
        List<Event> candidates = new ArrayList<>();
        List<Integer> candidateIndexes = new ArrayList<>();
        int duplicates = 0;
        Map<String, PhoneNumber> phones = new HashMap<>();
        for (EventReport report : reports) {
            Event event;
            try {
                event = toEvent(institution, report, receivedAt, phones);
            } catch (DomainException e) {
                rejected.add(new Rejection(report.index(), report.eventId(), e.getMessage()));
                continue;
            }
            Event sameId = byId.putIfAbsent(event.eventId(), event);
            if (sameId == null) {
                candidates.add(event);
                candidateIndexes.add(report.index());
            } else if (sameId.sameContentAs(event)) {
                duplicates++;
            } else {
                rejected.add(new Rejection(report.index(), report.eventId(),
                        "eventId " + event.eventId() + " appears earlier in this batch with other content"));
            }
        }

        int accepted = 0;
        if (!candidates.isEmpty()) {
            EventJournalPort.AppendResult appended = journal.append(institution, candidates);
            List<EventJournalPort.Appended> outcomes = appended.outcomes();
            List<Event> added = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                switch (outcomes.get(i)) {
                    case NEW -> added.add(candidates.get(i));
                    case DUPLICATE -> duplicates++;
                    case CONFLICT -> rejected.add(new Rejection(candidateIndexes.get(i), candidates.get(i).eventId(),
                            "eventId " + candidates.get(i).eventId() + " was already reported by this institution with other content; "
                                    + "an event cannot be changed once reported"));
                    case RETRACTED -> rejected.add(new Rejection(candidateIndexes.get(i), candidates.get(i).eventId(),
                            "eventId " + candidates.get(i).eventId() + " was reported and retracted by this institution and stays"
                                    + " taken; a correction is a new event with a new eventId"));
                }
            }
            index.indexAppended(appended.transaction(), added);
            accepted = added.size();
        }
        rejected.sort(java.util.Comparator.comparingInt(Rejection::index));
        return new ReportOutcome(accepted, duplicates, rejected);
    }

    /**
     * @param phones the numbers of this batch normalised so far, by what was sent: a borrower's events come in
     *               together, and normalising a number (libphonenumber) is the largest cost of an event
     */
    private Event toEvent(InstitutionId institution, EventReport report, Instant receivedAt, Map<String, PhoneNumber> phones) {
        if (report.unreadable() != null) {
            throw new UnreadableEventException(report.unreadable());
        }
        EventType type = EventType.parse(report.type());
        PhoneNumber phone = report.phone() == null ? null : normalised(report.phone(), report.countryCode(), phones);
        EmailAddress email = report.emailAddress() == null ? null : new EmailAddress(report.emailAddress());
        return Event.received(report.eventId(), institution, type, phone, email, report.occurredAt(), report.reportedAt(),
                report.amount(), report.overdueDays(), report.autoRepayment(), receivedAt);
    }

    /** The same as {@link PhoneNumbers#normalise}; a number refused is not remembered, and is refused again. */
    private PhoneNumber normalised(String phone, String countryCode, Map<String, PhoneNumber> phones) {
        String sent = countryCode == null ? phone : phone + '\n' + countryCode;
        PhoneNumber known = phones.get(sent);
        if (known == null) {
            known = phoneNumbers.normalise(phone, countryCode);
            phones.put(sent, known);
        }
        return known;
    }

    /** An element the transport could not read, rejected with the transport's reason. */
    private static final class UnreadableEventException extends DomainException {

        UnreadableEventException(String message) {
            super(message);
        }
    }
}

package dev.signals.application.port.out;

import dev.signals.domain.calculation.EventHistory;

/** The events known about one subject, whatever their age; the calculation filters them. */
public interface LoadSubjectEventsPort {

    /**
     * @param subjectKey a subject's lookup key ({@link dev.signals.domain.subject.Subject#lookupKey()})
     * @return the subject's events, empty when none is known
     */
    EventHistory eventsOf(String subjectKey);
}

package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.SubjectKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryEventIndexTest {

    private static final Instant NOW = Instant.parse("2024-08-09T00:00:00Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");

    @Test
    void anUnknownSubjectHasNoEvents() {
        assertThat(new InMemoryEventIndex().eventsOf(SubjectKeys.phoneKey(PHONE)).size()).isZero();
    }

    @Test
    void everyFormOfAPhoneFindsItsEvents() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(List.of(event("e-1", PHONE, null), event("e-2", PHONE, null)));

        for (String key : SubjectKeys.keysOf(PHONE)) {
            assertThat(index.eventsOf(key).size()).as(key).isEqualTo(2);
        }
    }

    @Test
    void anEventWithPhoneAndEmailIsFoundUnderBoth() {
        InMemoryEventIndex index = new InMemoryEventIndex();
        EmailAddress email = new EmailAddress("borrower@example.com");
        index.addAll(List.of(event("e-1", PHONE, email)));

        assertThat(index.eventsOf(SubjectKeys.emailKey(email)).size()).isEqualTo(1);
        assertThat(index.eventsOf(SubjectKeys.phoneKey(PHONE)).size()).isEqualTo(1);
        assertThat(index.eventsOf(SubjectKeys.phoneKey(new PhoneNumber("+639171234568"))).size()).isZero();
        assertThat(index.subjectCount()).as("one phone, one e-mail").isEqualTo(2);
        assertThat(index.size()).as("the event is stored once").isEqualTo(1);
    }

    private static Event event(String id, PhoneNumber phone, EmailAddress email) {
        return Event.received(id, new InstitutionId("lender-1"), EventType.LOAN_DISBURSEMENT, phone, email,
                NOW.minusSeconds(3_600), null, null, null, null, NOW);
    }
}

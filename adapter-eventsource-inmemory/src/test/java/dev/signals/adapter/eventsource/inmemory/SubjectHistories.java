package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.SubjectKeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Random histories of several subjects for the index's property tests, and the keys that find them. */
final class SubjectHistories {

    private SubjectHistories() {
    }

    /** The scenarios' events, each scenario about a phone of its own, some with an e-mail address, one about an address alone. */
    static List<Event> spread(List<RandomHistories.Scenario> scenarios, Random random) {
        List<Event> events = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            PhoneNumber phone = s == scenarios.size() - 1 && s > 0 ? null : new PhoneNumber(String.format("+63917100%04d", s));
            EmailAddress email = phone == null || random.nextBoolean() ? new EmailAddress("subject" + s + "@example.com") : null;
            for (Event e : scenarios.get(s).events()) {
                events.add(new Event("s" + s + "-" + e.eventId(), e.institutionId(), e.type(), phone,
                        email != null && (phone == null || random.nextBoolean()) ? email : null,
                        e.occurredAt(), e.reportedAt(), e.amount(), e.overdueDays(), e.autoRepayment()));
            }
        }
        return events;
    }

    /** About a fifth of the events, each retracted once at {@code at}; some of them are not in the index yet. */
    static List<RetractedEvent> retractSome(List<Event> events, Random random, Instant at) {
        return events.stream().filter(e -> random.nextInt(5) == 0).distinct().map(e -> new RetractedEvent(e, at)).toList();
    }

    /** Every key the events' subjects are found by (phones by E.164 and both MD5 forms), and an MD5 of no phone. */
    static Set<String> keys(List<Event> events) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (Event event : events) {
            if (event.phone() != null) {
                keys.addAll(SubjectKeys.keysOf(event.phone()));
            }
            if (event.emailAddress() != null) {
                keys.add("email:" + event.emailAddress().value());
            }
        }
        keys.add("md5:" + HexFormat.of().formatHex(new byte[16]));
        return keys;
    }
}

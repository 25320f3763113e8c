package dev.signals.adapter.eventsource.inmemory;

import dev.signals.application.port.out.EventIndexPort;
import dev.signals.application.port.out.LoadSubjectEventsPort;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Horizon;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneHashSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.Subject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The events known to the network, held in memory without an object per event and indexed by subject, so
 * that reading a subject's events costs time in proportion to that subject's events, not to the store.
 *
 * <p>Each event is a row of three longs ({@link EventRows}) in the array of its first subject (its phone, or
 * its e-mail address when it has no phone), so a subject's events lie next to each other; its e-mail address,
 * when it has both, refers to that row ({@link Subjects}). Values that do not fit a row's compact fields, and
 * the event ids of balances (OVERDUE and DEBT with an amount, the only ids the calculation reads), are kept in
 * {@link WideRecords} and a {@link StringPool}. A phone is found by its E.164 key or either MD5 form.
 *
 * <p>A retraction (contract section 4.1) leaves the event's row as it is and records its instant beside it
 * ({@link Retractions}), so that a request as of an earlier instant still sees the event. A node may learn of a
 * retraction before the event itself (it committed the retraction, its feed has yet to bring the event another
 * node stored): the retraction then waits here until the event is added.
 *
 * <p>Events that occurred before the index's {@link Horizon} leave memory, but for each subject's latest of each type
 * ({@link #keepInFullFrom}, issue 18): the histories it gives carry the horizon, and a request that these cannot answer
 * exactly reads the journal instead.
 *
 * <p>One writer at a time, any number of readers. Nothing once written is written again: arrays grow by
 * copying, chunks are filled in place, so a history handed to a reader keeps reading what it was given while
 * writers append. The lock orders a reader after the writes it may see: events are visible as soon as
 * {@link #addAll} returns.
 */
public final class InMemoryEventIndex implements LoadSubjectEventsPort, EventIndexPort {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // Replaced whole only by restore, under the write lock, when the index is empty.
    private Subjects subjects = new Subjects();
    private WideRecords wide = new WideRecords();
    private StringPool eventIds = new StringPool();
    private final Map<String, Integer> institutions = new HashMap<>();
    /** The institutions' ids by number; grows by copying, so a history keeps the array it was given. */
    private InstitutionId[] institutionIds = new InstitutionId[16];
    private Retractions retractions = new Retractions();
    /** Retractions of events not added yet, in arrival order. */
    private final List<RetractedEvent> waiting = new ArrayList<>();
    private int size;
    private int retracted;
    private Horizon horizon = Horizon.NONE;
    /** One aging at a time. */
    private final Object aging = new Object();
    /**
     * While an aging builds its copy: the additions and retractions since its image, in order (each a list of
     * {@link Event} or of {@link RetractedEvent}), to apply to the copy before it takes this index's place.
     */
    private List<List<?>> sinceImage;

    /** Adds events that are new to the network (the journal has already refused duplicates). */
    @Override
    public void addAll(Collection<Event> events) {
        lock.writeLock().lock();
        try {
            if (sinceImage != null) {
                sinceImage.add(List.copyOf(events));
            }
            addEach(events);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Records each retraction beside its event's row; one of an event not added yet waits for it. Among events
     * alike in every field the index keeps (the same institution's, reported twice under two ids), any one not
     * retracted yet is taken, under the phone and under the e-mail address apart: their values are the same.
     */
    @Override
    public void retractAll(Collection<RetractedEvent> retractedEvents) {
        lock.writeLock().lock();
        try {
            if (sinceImage != null) {
                sinceImage.add(List.copyOf(retractedEvents));
            }
            retractEach(retractedEvents);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void addEach(Collection<Event> events) {
        for (Event event : events) {
            add(event);
        }
        if (!waiting.isEmpty()) {
            waiting.removeIf(this::retract);
        }
    }

    private void retractEach(Collection<RetractedEvent> retractedEvents) {
        for (RetractedEvent retraction : retractedEvents) {
            if (!retract(retraction)) {
                waiting.add(retraction);
            }
        }
    }

    /**
     * Lets the events that occurred before {@code fullFrom} leave memory, but for what {@link Horizon#held} names: each
     * subject's latest of each type. The copy without them is made from an image while events keep coming, then those
     * that came meanwhile are applied to it, and it takes the index's place under the lock, at once. When under one in
     * a hundred of the events would leave, nothing is copied and only the horizon moves (every event held is more than
     * it needs). A horizon earlier than the index's changes nothing: events that left do not come back.
     *
     * @return how many events left memory
     */
    @Override
    public int keepInFullFrom(Instant fullFrom) {
        return keepInFullFrom(fullFrom, () -> { });
    }

    /** The same, running {@code meanwhile} once the image is taken, before the copy is made of it (for tests). */
    int keepInFullFrom(Instant fullFrom, Runnable meanwhile) {
        Horizon later = Horizon.at(Micros.of(fullFrom));
        synchronized (aging) {
            IndexImage image;
            lock.writeLock().lock();
            try {
                if (later.fullFromMicros() <= horizon.fullFromMicros()) {
                    return 0;
                }
                image = image();
                sinceImage = new ArrayList<>();
            } finally {
                lock.writeLock().unlock();
            }
            IndexImage aged = null;
            try {
                meanwhile.run();
                Aging aging = Aging.of(image, later);
                if (aging.dropped() > 0 && aging.dropped() >= image.size() / 100) {
                    aged = aging.image();
                }
            } finally {
                lock.writeLock().lock();
                try {
                    List<List<?>> cameMeanwhile = sinceImage;
                    sinceImage = null;
                    if (aged != null) {
                        install(aged);
                        replay(cameMeanwhile);
                    } else {
                        horizon = later;
                    }
                } finally {
                    lock.writeLock().unlock();
                }
            }
            return aged == null ? 0 : image.size() - aged.size();
        }
    }

    /** Applies what came since an image to the copy made of it, in the order it came. */
    @SuppressWarnings("unchecked")
    private void replay(List<List<?>> meanwhile) {
        for (List<?> step : meanwhile) {
            if (!step.isEmpty() && step.get(0) instanceof Event) {
                addEach((List<Event>) step);
            } else {
                retractEach((List<RetractedEvent>) step);
            }
        }
        waiting.removeIf(this::retract);
    }

    /** The index's horizon: of the events before it, a subject's history holds what {@link Horizon#holding} names. */
    public Horizon horizon() {
        lock.readLock().lock();
        try {
            return horizon;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public EventHistory eventsOf(Subject requested) {
        lock.readLock().lock();
        try {
            int subject = subjectOf(requested);
            if (subject < 0) {
                return EventHistory.empty();
            }
            long[] retractedAt = retracted == 0 ? null
                    : retractions.retractedAtByPosition(subject, subjects.rowCountOf(subject), subjects.referenceCountOf(subject));
            return new IndexedHistory(subjects.rowsOf(subject), subjects.eventCountOf(subject), wide.chunks(),
                    eventIds.chunks(), retractedAt, institutionIds, horizonOf(subject));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<PhoneNumber> phoneOf(Md5Hash hash) {
        lock.readLock().lock();
        try {
            int subject = subjects.md5(bytesOf(hash));
            return subject < 0 ? Optional.empty() : Optional.of(new PhoneNumber("+" + subjects.phoneDigitsOf(subject)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The index as it is now, for a checkpoint: cheap (what is written in place is copied, the rest is shared, since
     * nothing below a count is written again), and unchanged by what is added after.
     */
    IndexImage image() {
        lock.readLock().lock();
        try {
            return new IndexImage(subjects.image(), wide.image(), eventIds.image(),
                    Arrays.copyOf(institutionIds, institutions.size()), retractions.image(), List.copyOf(waiting), size, retracted,
                    horizon.fullFromMicros());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Makes this empty index hold what {@code image} held, all at once: a reader sees it empty or whole.
     *
     * @throws IllegalStateException when the index holds anything already
     */
    void restore(IndexImage image) {
        lock.writeLock().lock();
        try {
            if (size > 0 || subjects.count() > 0 || !waiting.isEmpty()) {
                throw new IllegalStateException("an index is restored only when empty; this one holds " + size + " events");
            }
            install(image);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Makes the index hold what {@code image} holds instead of what it held; under the write lock. */
    private void install(IndexImage image) {
        subjects = Subjects.of(image.subjects());
        wide = WideRecords.of(image.wide());
        eventIds = StringPool.of(image.eventIds());
        institutionIds = Arrays.copyOf(image.institutionIds(), Math.max(16, image.institutionIds().length));
        institutions.clear();
        for (int number = 0; number < image.institutionIds().length; number++) {
            institutions.put(image.institutionIds()[number].value(), number);
            }
            retractions = Retractions.of(image.retractions());
            waiting.clear();
            waiting.addAll(image.waiting());
            size = image.size();
            retracted = image.retracted();
            horizon = Horizon.at(image.fullFromMicros());
    }

    /** The number of events held. */
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The number of retracted events among them. */
    public int retractedCount() {
        lock.readLock().lock();
        try {
            return retracted;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The number of canonical subjects (phone numbers and e-mail addresses) with at least one event. */
    public int subjectCount() {
        lock.readLock().lock();
        try {
            return subjects.count();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void add(Event event) {
        long occurred = Micros.of(event.occurredAt());
        long reported = Micros.of(event.reportedAt());
        long cents = cents(event.amount());
        int overdueDays = event.overdueDays() == null ? EventRows.NO_OVERDUE_DAYS : event.overdueDays();
        int institution = institutionNumber(event.institutionId());
        boolean balance = cents != EventRows.NO_AMOUNT && event.type().carriesBalance();

        long first = EventRows.first(occurred, event.type(), Boolean.TRUE.equals(event.autoRepayment()));
        long second = EventRows.compactSecond(occurred, reported, institution, overdueDays, balance);
        boolean isWide = second == -1;
        long third = EventRows.third(cents, overdueDays, event.autoRepayment() != null, isWide);
        if (isWide) {
            long idReference = balance ? eventIds.add(event.eventId()) : -1;
            second = EventRows.wideSecond(wide.add(reported, institution, overdueDays, idReference));
        }

        int email = event.emailAddress() == null ? -1 : subjects.emailOrAdd(event.emailAddress().value());
        if (event.phone() != null) {
            int phone = subjects.phoneOrAdd(digitsOf(event.phone().e164()));
            int row = subjects.addRow(phone, first, second, third);
            if (email >= 0) {
                subjects.addReference(email, phone, row);
            }
        } else {
            subjects.addRow(email, first, second, third);
        }
        size++;
    }

    /** The institution's number, given on its first event. */
    private int institutionNumber(InstitutionId institution) {
        Integer number = institutions.get(institution.value());
        if (number != null) {
            return number;
        }
        int next = institutions.size();
        if (next == institutionIds.length) {
            institutionIds = Arrays.copyOf(institutionIds, next * 2);
        }
        institutionIds[next] = institution;
        institutions.put(institution.value(), next);
        return next;
    }

    /** Records the retraction beside its event's row, when the event is here. */
    private boolean retract(RetractedEvent retraction) {
        Event event = retraction.event();
        boolean both = event.phone() != null && event.emailAddress() != null;
        int owner = event.phone() != null ? subjects.phone(digitsOf(event.phone().e164()))
                : subjects.email(event.emailAddress().value());
        Integer institution = institutions.get(event.institutionId().value());
        if (owner < 0 || institution == null) {
            return false;
        }
        int row = rowOf(owner, institution, event);
        int email = both ? subjects.email(event.emailAddress().value()) : -1;
        int reference = row >= 0 && email >= 0 ? referenceOf(email, owner, institution, event) : -1;
        if (row < 0 || both && reference < 0) {
            return letGo(event);
        }
        long at = Micros.of(retraction.retractedAt());
        retractions.add(owner, Retractions.ownRow(row), at);
        if (both) {
            retractions.add(email, Retractions.reference(reference), at);
        }
        retracted++;
        return true;
    }

    /**
     * Whether a retraction whose event is not here may be let go rather than wait: its event occurred before the
     * horizon and, under each of its subjects, is older than an event of its type held from before the horizon. Such an
     * event has left memory, or is one the horizon would let go should it come yet, so its retraction changes nothing
     * the index answers ({@link Horizon#letsGo}).
     */
    private boolean letGo(Event event) {
        long occurred = Micros.of(event.occurredAt());
        long reported = Micros.of(event.reportedAt());
        if (!horizon.isBefore(occurred)) {
            return false;
        }
        int phone = event.phone() == null ? Integer.MIN_VALUE : subjects.phone(digitsOf(event.phone().e164()));
        int email = event.emailAddress() == null ? Integer.MIN_VALUE : subjects.email(event.emailAddress().value());
        for (int subject : new int[] {phone, email}) {
            if (subject == -1 || subject >= 0 && !horizonOf(subject).letsGo(historyOf(subject), event.type(), occurred, reported)) {
                return false;
            }
        }
        return true;
    }

    /** The row among the owner's own that holds the event and is not retracted under the owner, or -1. */
    private int rowOf(int owner, int institution, Event event) {
        IndexedHistory own = ownRowsOf(owner);
        for (int row = 0; row < own.size(); row++) {
            if (own.holds(row, institution, event) && !retractions.isRetracted(owner, Retractions.ownRow(row))) {
                return row;
            }
        }
        return -1;
    }

    /**
     * The reference among the e-mail address's, to a row of the event's phone, that holds the event and is not
     * retracted under the address, or -1. Chosen apart from the phone's row: alike events need not carry the same
     * address (one may have none), and each subject must lose one of its own events alike the retracted one.
     */
    private int referenceOf(int email, int phone, int institution, Event event) {
        IndexedHistory phoneRows = ownRowsOf(phone);
        for (int reference = 0; reference < subjects.referenceCountOf(email); reference++) {
            int row = subjects.referencedRow(email, reference, phone);
            if (row >= 0 && phoneRows.holds(row, institution, event)
                    && !retractions.isRetracted(email, Retractions.reference(reference))) {
                return reference;
            }
        }
        return -1;
    }

    private IndexedHistory historyOf(int subject) {
        return new IndexedHistory(subjects.rowsOf(subject), subjects.eventCountOf(subject), wide.chunks(), eventIds.chunks(), null,
                institutionIds, horizonOf(subject));
    }

    /** The subject's horizon: the index's, with the types whose old events of the subject all left memory. */
    private Horizon horizonOf(int subject) {
        return new Horizon(horizon.fullFromMicros(), subjects.typesLetGoOf(subject));
    }

    private IndexedHistory ownRowsOf(int subject) {
        return new IndexedHistory(subjects.ownRowsOf(subject), subjects.rowCountOf(subject), wide.chunks(), eventIds.chunks(), null,
                institutionIds, Horizon.NONE);
    }

    private int subjectOf(Subject subject) {
        if (subject instanceof PhoneSubject phone) {
            return subjects.phone(digitsOf(phone.phone().e164()));
        }
        if (subject instanceof PhoneHashSubject hash) {
            return subjects.md5(bytesOf(hash.hash()));
        }
        return subjects.email(((EmailSubject) subject).emailAddress().value());
    }

    /** The digits of an E.164 number as a number: at most 15 digits fit a long. */
    private static long digitsOf(String e164) {
        return Long.parseLong(e164.substring(1));
    }

    /** The 16 bytes of the hash's 32 hex characters. */
    private static byte[] bytesOf(Md5Hash hash) {
        return HexFormat.of().parseHex(hash.hex());
    }

    static long cents(BigDecimal amount) {
        return amount == null ? EventRows.NO_AMOUNT : amount.movePointRight(2).longValueExact();
    }
}

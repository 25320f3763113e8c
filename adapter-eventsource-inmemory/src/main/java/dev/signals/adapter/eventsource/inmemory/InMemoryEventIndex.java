package dev.signals.adapter.eventsource.inmemory;

import dev.signals.application.port.out.EventIndexPort;
import dev.signals.application.port.out.LoadSubjectEventsPort;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.Micros;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.SubjectKeys;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The events known to the network, held in memory in columns of primitives (one slot per event, no
 * object per event) and indexed by subject, so that reading a subject's events costs time in
 * proportion to that subject's events, not to the store.
 *
 * <p>Each event is stored once. It is listed under its canonical subjects (a phone's E.164 form, an
 * e-mail address); a phone's two MD5 forms are aliases of its E.164 form. Event ids are kept only
 * for balances (OVERDUE and DEBT with an amount), the only events whose id the calculation reads.
 *
 * <p>Written slots never change: columns grow by copying, so a history handed to a reader keeps
 * reading the arrays it was given while writers append.
 */
public final class InMemoryEventIndex implements LoadSubjectEventsPort, EventIndexPort {

    private static final EventType[] TYPES = EventType.values();
    private static final int AUTO_REPAYMENT = 0x80;
    private static final int TYPE_MASK = 0x7f;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, IntList> bySubject = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, Integer> institutions = new HashMap<>();

    private Columns columns = new Columns(1024);
    private int size;

    /** Adds events that are new to the network (the journal has already refused duplicates). */
    @Override
    public void addAll(Collection<Event> events) {
        lock.writeLock().lock();
        try {
            for (Event event : events) {
                int slot = append(event);
                if (event.phone() != null) {
                    listUnder(phoneKey(event.phone()), slot);
                }
                if (event.emailAddress() != null) {
                    listUnder(SubjectKeys.emailKey(event.emailAddress()), slot);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public EventHistory eventsOf(String subjectKey) {
        lock.readLock().lock();
        try {
            String canonical = aliases.getOrDefault(subjectKey, subjectKey);
            IntList slots = bySubject.get(canonical);
            if (slots == null) {
                return EventHistory.empty();
            }
            return new History(columns, slots.toArray());
        } finally {
            lock.readLock().unlock();
        }
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

    /** The number of canonical subjects (phone numbers and e-mail addresses) with at least one event. */
    public int subjectCount() {
        lock.readLock().lock();
        try {
            return bySubject.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private String phoneKey(PhoneNumber phone) {
        List<String> keys = SubjectKeys.keysOf(phone);
        String canonical = keys.get(0);
        if (!bySubject.containsKey(canonical)) {
            for (String alias : keys.subList(1, keys.size())) {
                aliases.put(alias, canonical);
            }
        }
        return canonical;
    }

    private void listUnder(String key, int slot) {
        bySubject.computeIfAbsent(key, k -> new IntList()).add(slot);
    }

    private int append(Event event) {
        if (size == columns.capacity()) {
            columns = columns.grow(size * 2);
        }
        int slot = size;
        Columns c = columns;
        c.occurred[slot] = Micros.of(event.occurredAt());
        c.reported[slot] = Micros.of(event.reportedAt());
        c.amount[slot] = cents(event.amount());
        c.institution[slot] = institutions.computeIfAbsent(event.institutionId().value(), k -> institutions.size());
        c.overdueDays[slot] = event.overdueDays() == null ? EventHistory.NO_OVERDUE_DAYS : event.overdueDays();
        c.typeAndFlags[slot] = (byte) (event.type().ordinal() | (Boolean.TRUE.equals(event.autoRepayment()) ? AUTO_REPAYMENT : 0));
        boolean balance = event.amount() != null && (event.type() == EventType.OVERDUE || event.type() == EventType.DEBT);
        c.eventId[slot] = balance ? event.eventId() : null;
        size = slot + 1;
        return slot;
    }

    private static long cents(BigDecimal amount) {
        return amount == null ? EventHistory.NO_AMOUNT : amount.movePointRight(2).longValueExact();
    }

    /** The event columns; replaced by a larger copy when full, never changed where written. */
    private static final class Columns {

        final long[] occurred;
        final long[] reported;
        final long[] amount;
        final int[] institution;
        final int[] overdueDays;
        final byte[] typeAndFlags;
        final String[] eventId;

        Columns(int capacity) {
            this(new long[capacity], new long[capacity], new long[capacity], new int[capacity], new int[capacity],
                    new byte[capacity], new String[capacity]);
        }

        private Columns(long[] occurred, long[] reported, long[] amount, int[] institution, int[] overdueDays,
                        byte[] typeAndFlags, String[] eventId) {
            this.occurred = occurred;
            this.reported = reported;
            this.amount = amount;
            this.institution = institution;
            this.overdueDays = overdueDays;
            this.typeAndFlags = typeAndFlags;
            this.eventId = eventId;
        }

        int capacity() {
            return occurred.length;
        }

        Columns grow(int capacity) {
            return new Columns(Arrays.copyOf(occurred, capacity), Arrays.copyOf(reported, capacity),
                    Arrays.copyOf(amount, capacity), Arrays.copyOf(institution, capacity),
                    Arrays.copyOf(overdueDays, capacity), Arrays.copyOf(typeAndFlags, capacity),
                    Arrays.copyOf(eventId, capacity));
        }
    }

    /** One subject's events: the slots of the columns as they were when the history was taken. */
    private record History(Columns columns, int[] slots) implements EventHistory {

        @Override
        public int size() {
            return slots.length;
        }

        @Override
        public EventType type(int i) {
            return TYPES[columns.typeAndFlags[slots[i]] & TYPE_MASK];
        }

        @Override
        public int institution(int i) {
            return columns.institution[slots[i]];
        }

        @Override
        public long occurredAtMicros(int i) {
            return columns.occurred[slots[i]];
        }

        @Override
        public long reportedAtMicros(int i) {
            return columns.reported[slots[i]];
        }

        @Override
        public long amountCents(int i) {
            return columns.amount[slots[i]];
        }

        @Override
        public int overdueDays(int i) {
            return columns.overdueDays[slots[i]];
        }

        @Override
        public boolean autoRepayment(int i) {
            return (columns.typeAndFlags[slots[i]] & AUTO_REPAYMENT) != 0;
        }

        @Override
        public String eventId(int i) {
            String id = columns.eventId[slots[i]];
            if (id == null) {
                throw new IllegalStateException("the index keeps event ids of balances only");
            }
            return id;
        }
    }

    /** A growable list of ints. */
    private static final class IntList {

        private int[] values = new int[2];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

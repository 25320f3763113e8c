package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.calculation.EventHistory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * When the index's retracted events were retracted (contract section 4.1), kept beside the rows, which never
 * change: per subject that has any, pairs of longs (the event's place in the subject's history, its
 * retractedAt in micros). A place is an own row {@code r} as {@code r} and the subject's reference {@code r} as
 * {@code -(r + 1)}, so that it stays right while the subject gains rows. An event with a phone and an e-mail
 * address is listed under both. Subjects without retractions cost nothing; a retraction costs 16 bytes per
 * subject of the event, plus the map entry of a subject's first one. Not thread-safe: the index calls it under
 * its lock.
 */
final class Retractions {

    /** Means "not retracted" in {@link #retractedAtByPosition}, as in the histories. */
    static final long NEVER = EventHistory.NOT_RETRACTED;

    private final Map<Integer, long[]> bySubject = new HashMap<>();
    private int count;

    static int ownRow(int row) {
        return row;
    }

    static int reference(int reference) {
        return -(reference + 1);
    }

    void add(int subject, int place, long retractedAtMicros) {
        long[] pairs = bySubject.get(subject);
        int n = pairs == null ? 0 : pairs.length / 2;
        long[] grown = pairs == null ? new long[2] : Arrays.copyOf(pairs, pairs.length + 2);
        grown[2 * n] = place;
        grown[2 * n + 1] = retractedAtMicros;
        bySubject.put(subject, grown);
        count++;
    }

    boolean isRetracted(int subject, int place) {
        long[] pairs = bySubject.get(subject);
        if (pairs != null) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i] == place) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The subject's retractedAt per position of its history as {@link Subjects#rowsOf} lays it out (own rows, then
     * references), {@link #NEVER} for the events not retracted; null when the subject has no retracted event.
     */
    long[] retractedAtByPosition(int subject, int ownRows, int references) {
        long[] pairs = bySubject.get(subject);
        if (pairs == null) {
            return null;
        }
        long[] byPosition = new long[ownRows + references];
        Arrays.fill(byPosition, NEVER);
        for (int i = 0; i < pairs.length; i += 2) {
            int place = (int) pairs[i];
            int position = place >= 0 ? place : ownRows + (-place - 1);
            if (position < byPosition.length) {
                byPosition[position] = pairs[i + 1];
            }
        }
        return byPosition;
    }

    /** The retractions as they are now (a subject's pairs are replaced, never changed, when it gains one). */
    Image image() {
        return new Image(new HashMap<>(bySubject), count);
    }

    static Retractions of(Image image) {
        Retractions retractions = new Retractions();
        retractions.bySubject.putAll(image.bySubject());
        retractions.count = image.count();
        return retractions;
    }

    /** The pairs of each subject that has any, and the count of subject entries. */
    record Image(Map<Integer, long[]> bySubject, int count) {

        void writeTo(CheckpointOut out) throws java.io.IOException {
            out.putInt(count);
            out.putInt(bySubject.size());
            for (Map.Entry<Integer, long[]> subject : bySubject.entrySet()) {
                out.putInt(subject.getKey());
                out.putInt(subject.getValue().length);
                out.putLongs(subject.getValue(), 0, subject.getValue().length);
            }
        }

        static Image readFrom(CheckpointIn in) throws java.io.IOException {
            int count = in.getInt();
            int subjects = in.getInt();
            if (count < 0 || subjects < 0) {
                throw new CheckpointIn.Corrupt(count + " retractions of " + subjects + " subjects");
            }
            Map<Integer, long[]> bySubject = new HashMap<>();
            for (int i = 0; i < subjects; i++) {
                int subject = in.getInt();
                bySubject.put(subject, in.getLongs(in.getInt()));
            }
            return new Image(bySubject, count);
        }
    }

    /** Subject entries: each retraction once per subject of its event. */
    int count() {
        return count;
    }
}

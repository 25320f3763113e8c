package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.calculation.Horizon;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@link IndexImage} without the events a {@link Horizon} lets go (issue 18): what {@link Horizon#holding} names under
 * each subject stays, the rest leaves, with the wide records, balance ids and retractions that were theirs. An event
 * with a phone and an e-mail address stays when either subject's history needs it. Subjects keep their numbers, keys
 * and lookup tables (a subject whose events are all old keeps each type's latest), so a phone's MD5 still finds it;
 * rows keep their order, and the places of retractions follow their rows.
 *
 * <p>Works on an image, which nothing changes, so the index goes on taking events while this runs.
 */
final class Aging {

    private final IndexImage image;
    private final Horizon horizon;
    private final Subjects subjects;
    /** Per subject, the number of its first own row in {@link #held}. */
    private final int[] firstRow;
    private final BitSet held;
    /** Per subject, the types whose old events all leave, a bit per type. */
    private final short[] typesLetGo;

    private Aging(IndexImage image, Horizon horizon) {
        this.image = image;
        this.horizon = horizon;
        this.subjects = Subjects.of(image.subjects());
        int count = subjects.count();
        this.firstRow = new int[count + 1];
        for (int subject = 0; subject < count; subject++) {
            firstRow[subject + 1] = firstRow[subject] + subjects.rowCountOf(subject);
        }
        this.held = new BitSet(firstRow[count]);
        this.typesLetGo = new short[count];
        for (int subject = 0; subject < count; subject++) {
            markHeld(subject);
        }
    }

    /** What the horizon lets go of the image, not done yet: see {@link #dropped} and {@link #image}. */
    static Aging of(IndexImage image, Horizon horizon) {
        return new Aging(image, horizon);
    }

    /** How many of the image's events leave. */
    int dropped() {
        return image.size() - held.cardinality();
    }

    /** The image without them, its horizon the given one. */
    IndexImage image() {
        return new Copy().image();
    }

    /** The copy under way: the subjects' new lists and counts, and where each kept row and reference went. */
    private final class Copy {

        private final int count = subjects.count();
        private final long[] info = image.subjects().info().clone();
        private final long[][] lists = new long[2 * count][];
        private final WideRecords wide = new WideRecords();
        private final StringPool eventIds = new StringPool();
        /** Per subject that lost rows, each old row's new place (-1 when it left); null when it lost none. */
        private final int[][] rowPlaces = new int[count][];
        /** Per subject that lost references, each old reference's new place (-1 when it left); null when it lost none. */
        private final int[][] referencePlaces = new int[count][];
        private int kept;

        IndexImage image() {
            for (int subject = 0; subject < count; subject++) {
                copyRows(subject);
            }
            for (int subject = 0; subject < count; subject++) {
                copyReferences(subject);
            }
            Map<Integer, long[]> retracted = new HashMap<>();
            int entries = 0;
            int retractedEvents = 0;
            for (Map.Entry<Integer, long[]> entry : image.retractions().bySubject().entrySet()) {
                long[] moved = movedRetractions(entry.getKey(), entry.getValue());
                if (moved.length > 0) {
                    retracted.put(entry.getKey(), moved);
                    entries += moved.length / 2;
                    for (int i = 0; i < moved.length; i += 2) {
                        retractedEvents += moved[i] >= 0 ? 1 : 0; // an event is retracted once, under its own row
                    }
                }
            }
            Subjects.Image agedSubjects = new Subjects.Image(count, info, lists, typesLetGo, image.subjects().table(),
                    image.subjects().md5Table(), image.subjects().md5Entries(), image.subjects().emails());
            return new IndexImage(agedSubjects, wide.image(), eventIds.image(), image.institutionIds(),
                    new Retractions.Image(retracted, entries), image.waiting(), kept, retractedEvents, horizon.fullFromMicros());
        }

        /** The subject's held rows, in their order, with their wide records and balance ids copied anew. */
        private void copyRows(int subject) {
            int rows = subjects.rowCountOf(subject);
            int keptRows = held.get(firstRow[subject], firstRow[subject + 1]).cardinality();
            long[] own = subjects.ownRowsOf(subject);
            long[] copy = keptRows == 0 ? null : new long[keptRows * EventRows.LONGS];
            int[] places = keptRows == rows ? null : new int[rows];
            long[][] wideChunks = image.wide().chunks();
            int next = 0;
            for (int row = 0; row < rows; row++) {
                if (!held.get(firstRow[subject] + row)) {
                    places[row] = -1;
                    continue;
                }
                int from = row * EventRows.LONGS;
                int to = next * EventRows.LONGS;
                copy[to] = own[from];
                long second = own[from + 1];
                if (EventRows.isWide(second)) {
                    long record = EventRows.wideRecord(second);
                    long idReference = WideRecords.idReference(wideChunks, record);
                    second = EventRows.wideSecond(wide.add(WideRecords.reportedMicros(wideChunks, record),
                            WideRecords.institution(wideChunks, record), WideRecords.overdueDays(wideChunks, record),
                            idReference < 0 ? -1 : eventIds.add(StringPool.read(image.eventIds().chunks(), idReference))));
                }
                copy[to + 1] = second;
                copy[to + 2] = own[from + 2];
                if (places != null) {
                    places[row] = next;
                }
                next++;
            }
            lists[2 * subject] = copy;
            rowPlaces[subject] = places;
            info[2 * subject + 1] = Subjects.countsOf(keptRows, 0);
            kept += keptRows;
        }

        /** The subject's references to rows that stayed, to their new places; once every subject's rows are copied. */
        private void copyReferences(int subject) {
            int references = subjects.referenceCountOf(subject);
            long[] list = new long[references];
            int[] places = new int[references];
            int next = 0;
            for (int reference = 0; reference < references; reference++) {
                long named = subjects.reference(subject, reference);
                int owner = (int) (named >>> 32);
                int row = placeOf(rowPlaces[owner], (int) named);
                places[reference] = row < 0 ? -1 : next;
                if (row >= 0) {
                    list[next++] = (long) owner << 32 | row;
                }
            }
            lists[2 * subject + 1] = next == 0 ? null : next == references ? list : Arrays.copyOf(list, next);
            referencePlaces[subject] = next == references ? null : places;
            info[2 * subject + 1] = Subjects.countsOf(Subjects.rowsIn(info, subject), next);
        }

        /** The subject's retraction pairs whose event stayed, at its new place. */
        private long[] movedRetractions(int subject, long[] pairs) {
            long[] moved = new long[pairs.length];
            int n = 0;
            for (int i = 0; i < pairs.length; i += 2) {
                int place = (int) pairs[i];
                int to = place >= 0 ? placeOf(rowPlaces[subject], place) : placeOf(referencePlaces[subject], -place - 1);
                if (to >= 0) {
                    moved[n++] = place >= 0 ? Retractions.ownRow(to) : Retractions.reference(to);
                    moved[n++] = pairs[i + 1];
                }
            }
            return Arrays.copyOf(moved, n);
        }
    }

    /** Marks the rows, own or referenced, that the subject's history must hold. */
    private void markHeld(int subject) {
        int own = subjects.rowCountOf(subject);
        IndexedHistory history = new IndexedHistory(subjects.rowsOf(subject), subjects.eventCountOf(subject),
                image.wide().chunks(), image.eventIds().chunks(), null, image.institutionIds(),
                new Horizon(image.fullFromMicros(), subjects.typesLetGoOf(subject)));
        Horizon.Holding holding = horizon.holding(history);
        typesLetGo[subject] = (short) holding.horizon().typesLetGo();
        boolean[] needed = holding.held();
        for (int i = 0; i < needed.length; i++) {
            if (!needed[i]) {
                continue;
            }
            if (i < own) {
                held.set(firstRow[subject] + i);
            } else {
                long named = subjects.reference(subject, i - own);
                held.set(firstRow[(int) (named >>> 32)] + (int) named);
            }
        }
    }

    /** The new place of an old one, by a subject's places (null: nothing moved). */
    private static int placeOf(int[] places, int place) {
        return places == null ? place : places[place];
    }
}

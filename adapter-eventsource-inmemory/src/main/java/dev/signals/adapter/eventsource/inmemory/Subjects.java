package dev.signals.adapter.eventsource.inmemory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The canonical subjects (phone numbers and e-mail addresses), numbered from 0 in order of arrival, with
 * their events and the tables that find them. Not thread-safe: the index calls it under its lock.
 *
 * <p>A subject owns the rows ({@link EventRows}) of the events it is the first subject of, packed one after
 * another in one array of its own, so that its events are read from consecutive memory. An event with a phone
 * and an e-mail address is stored once, in its phone's rows; its e-mail address keeps a reference to the row
 * (the owning subject's number and the row's position), 8 bytes instead of the row's 24. A subject's arrays
 * grow by a quarter, by copying: rows below the count are never written again, so a reader holding an array
 * and a count as they were reads them while the writer appends.
 *
 * <p>Keys are primitives: a phone is its E.164 digits as a long, an e-mail address a string in the
 * {@link StringPool}. One open-addressing table finds both. A phone's MD5 forms (of {@code +E164} and of the
 * digits) are found through a second table of their first 32 bits; a hit is confirmed by hashing the
 * candidate's number again, so the answer is exact while the table holds 8 bytes per form instead of a
 * 32-character string.
 */
final class Subjects {

    private static final int FIRST_ROWS = 1;

    private StringPool emails = new StringPool();

    /**
     * Per subject, two longs side by side, so that one cache line answers a lookup: its key (E.164 digits,
     * > 0, for a phone; -(e-mail reference + 1) for an e-mail address), then its row count << 32 | its
     * reference count.
     */
    private long[] info = new long[2 * 1024];
    /** Per subject, its rows array, then its references array; each null until used. */
    private long[][] lists = new long[2 * 1024][];
    /**
     * Per subject, the event types whose events before the index's horizon all left memory, a bit per type
     * ({@link dev.signals.domain.calculation.Horizon#typesLetGo()}).
     */
    private short[] typesLetGo = new short[1024];
    private int count;

    /** Subject number + 1 per slot, 0 for free; phones and e-mail addresses alike. */
    private int[] table = new int[2048];
    /** Per slot: an MD5 form's first 32 bits << 32 | (subject number + 1); 0 for free. */
    private long[] md5Table = new long[4096];
    private int md5Entries;

    int count() {
        return count;
    }

    /**
     * The subjects as they are now. What changes in place is copied (the counts in {@code info}, the array of lists,
     * the lookup tables); the rows and references themselves are not, since nothing below a count is written again.
     */
    Image image() {
        return new Image(count, Arrays.copyOf(info, 2 * count), Arrays.copyOf(lists, 2 * count), Arrays.copyOf(typesLetGo, count),
                table.clone(), md5Table.clone(), md5Entries, emails.image());
    }

    /** Subjects holding what {@code image} held, to be appended to. */
    static Subjects of(Image image) {
        Subjects subjects = new Subjects();
        int capacity = Math.max(2 * 1024, 2 * image.count() + 2);
        subjects.info = Arrays.copyOf(image.info(), capacity);
        subjects.lists = Arrays.copyOf(image.lists(), capacity);
        subjects.typesLetGo = Arrays.copyOf(image.typesLetGo(), capacity / 2);
        subjects.count = image.count();
        subjects.table = image.table();
        subjects.md5Table = image.md5Table();
        subjects.md5Entries = image.md5Entries();
        subjects.emails = StringPool.of(image.emails());
        return subjects;
    }

    /**
     * What {@link Subjects} holds: per subject its key and counts ({@code info}) and its rows and references
     * ({@code lists}, each array longer than its count, maybe), the types whose old events all left memory, the two
     * lookup tables and the e-mail addresses.
     */
    record Image(int count, long[] info, long[][] lists, short[] typesLetGo, int[] table, long[] md5Table, int md5Entries,
                 StringPool.Image emails) {

        void writeTo(CheckpointOut out) throws java.io.IOException {
            out.putInt(count);
            out.putLongs(info, 0, 2 * count);
            for (int subject = 0; subject < count; subject++) {
                out.putLongs(lists[2 * subject], 0, rowsIn(info, subject) * EventRows.LONGS);
                out.putLongs(lists[2 * subject + 1], 0, referencesIn(info, subject));
            }
            for (int subject = 0; subject < count; subject++) {
                out.putInt(typesLetGo[subject]);
            }
            out.putInt(table.length);
            out.putInts(table);
            out.putInt(md5Table.length);
            out.putInt(md5Entries);
            out.putLongs(md5Table, 0, md5Table.length);
            emails.writeTo(out);
        }

        static Image readFrom(CheckpointIn in) throws java.io.IOException {
            int count = in.getInt();
            if (count < 0) {
                throw new CheckpointIn.Corrupt("a count of " + count + " subjects");
            }
            long[] info = in.getLongs(2 * count);
            long[][] lists = new long[2 * count][];
            for (int subject = 0; subject < count; subject++) {
                int rows = rowsIn(info, subject) * EventRows.LONGS;
                int references = referencesIn(info, subject);
                lists[2 * subject] = rows == 0 ? null : in.getLongs(rows);
                lists[2 * subject + 1] = references == 0 ? null : in.getLongs(references);
            }
            short[] typesLetGo = new short[count];
            for (int subject = 0; subject < count; subject++) {
                typesLetGo[subject] = (short) in.getInt();
            }
            int[] table = in.getInts(in.getInt());
            int md5Length = in.getInt();
            int md5Entries = in.getInt();
            long[] md5Table = in.getLongs(md5Length);
            if (Integer.bitCount(table.length) != 1 || Integer.bitCount(md5Table.length) != 1) {
                throw new CheckpointIn.Corrupt("lookup tables of " + table.length + " and " + md5Table.length + " slots");
            }
            return new Image(count, info, lists, typesLetGo, table, md5Table, md5Entries, StringPool.Image.readFrom(in));
        }
    }

    /** The phone's subject number, or -1. */
    int phone(long digits) {
        int mask = table.length - 1;
        for (int slot = hashOf(digits) & mask; ; slot = slot + 1 & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            if (keyOf(entry - 1) == digits) {
                return entry - 1;
            }
        }
    }

    /** The e-mail address's subject number, or -1. */
    int email(String address) {
        int mask = table.length - 1;
        byte[][] pool = emails.chunks();
        for (int slot = hashOf(address) & mask; ; slot = slot + 1 & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            long key = keyOf(entry - 1);
            if (key < 0 && StringPool.matches(pool, -key - 1, address)) {
                return entry - 1;
            }
        }
    }

    /** The subject number of the phone whose MD5 form (with or without {@code +}) is {@code md5}, or -1. */
    int md5(byte[] md5) {
        int prefix = prefixOf(md5);
        int mask = md5Table.length - 1;
        for (int slot = prefix & mask; ; slot = slot + 1 & mask) {
            long entry = md5Table[slot];
            if (entry == 0) {
                return -1;
            }
            if ((int) (entry >>> 32) == prefix) {
                int subject = (int) entry - 1;
                String digits = Long.toString(keyOf(subject));
                if (Arrays.equals(md5Of("+" + digits), md5) || Arrays.equals(md5Of(digits), md5)) {
                    return subject;
                }
            }
        }
    }

    /** The E.164 digits of a phone's subject number (one {@link #md5} gave). */
    long phoneDigitsOf(int subject) {
        long key = keyOf(subject);
        if (key <= 0) {
            throw new IllegalArgumentException("subject " + subject + " is an e-mail address, not a phone");
        }
        return key;
    }

    int phoneOrAdd(long digits) {
        int subject = phone(digits);
        if (subject >= 0) {
            return subject;
        }
        subject = add(digits, hashOf(digits));
        String text = Long.toString(digits);
        addMd5(md5Of("+" + text), subject);
        addMd5(md5Of(text), subject);
        return subject;
    }

    int emailOrAdd(String address) {
        int subject = email(address);
        return subject >= 0 ? subject : add(-emails.add(address) - 1, hashOf(address));
    }

    /** Appends a row to the subject's own rows and returns its position. */
    int addRow(int subject, long first, long second, long third) {
        int n = rowCountOf(subject);
        long[] own = lists[2 * subject];
        if (own == null || own.length < (n + 1) * EventRows.LONGS) {
            own = Arrays.copyOf(own == null ? new long[0] : own, grown(n, FIRST_ROWS) * EventRows.LONGS);
        }
        int at = n * EventRows.LONGS;
        own[at] = first;
        own[at + 1] = second;
        own[at + 2] = third;
        lists[2 * subject] = own;
        info[2 * subject + 1] += 1L << 32;
        return n;
    }

    /** Lists another subject's row under this subject too. */
    void addReference(int subject, int owner, int row) {
        int n = referenceCountOf(subject);
        long[] list = lists[2 * subject + 1];
        if (list == null || list.length == n) {
            list = Arrays.copyOf(list == null ? new long[0] : list, grown(n, FIRST_ROWS));
        }
        list[n] = (long) owner << 32 | row;
        lists[2 * subject + 1] = list;
        info[2 * subject + 1] += 1;
    }

    /**
     * The subject's events as rows: its own rows array when it has no references (not copied: the rows
     * below the count never change), or a new array with its own rows and the referenced ones.
     */
    long[] rowsOf(int subject) {
        long[] own = lists[2 * subject];
        int ownCount = rowCountOf(subject);
        int referenceCount = referenceCountOf(subject);
        if (referenceCount == 0) {
            return own;
        }
        long[] all = new long[(ownCount + referenceCount) * EventRows.LONGS];
        if (ownCount > 0) {
            System.arraycopy(own, 0, all, 0, ownCount * EventRows.LONGS);
        }
        long[] list = lists[2 * subject + 1];
        for (int i = 0; i < referenceCount; i++) {
            int owner = (int) (list[i] >>> 32);
            int row = (int) list[i];
            System.arraycopy(lists[2 * owner], row * EventRows.LONGS, all, (ownCount + i) * EventRows.LONGS, EventRows.LONGS);
        }
        return all;
    }

    /** The types whose events before the index's horizon all left memory, a bit per type. */
    int typesLetGoOf(int subject) {
        return typesLetGo[subject];
    }

    int eventCountOf(int subject) {
        return rowCountOf(subject) + referenceCountOf(subject);
    }

    /** The subject's own rows (more may follow {@link #rowCountOf} in the array, unwritten). */
    long[] ownRowsOf(int subject) {
        long[] own = lists[2 * subject];
        return own == null ? new long[0] : own;
    }

    /** The subject's {@code reference}-th reference: the owner's number << 32 | the row's place among the owner's rows. */
    long reference(int subject, int reference) {
        return lists[2 * subject + 1][reference];
    }

    /** The row of {@code owner} that the subject's {@code reference}-th reference names, or -1 when it names another's. */
    int referencedRow(int subject, int reference, int owner) {
        long named = lists[2 * subject + 1][reference];
        return (int) (named >>> 32) == owner ? (int) named : -1;
    }

    private int add(long key, int hash) {
        if (2 * count == info.length) {
            int capacity = 2 * grown(count, 1024);
            info = Arrays.copyOf(info, capacity);
            lists = Arrays.copyOf(lists, capacity);
            typesLetGo = Arrays.copyOf(typesLetGo, capacity / 2);
        }
        int subject = count++;
        info[2 * subject] = key;
        if (count * 3L > table.length * 2L) {
            rehash();
        } else {
            place(table, hash, subject);
        }
        return subject;
    }

    private long keyOf(int subject) {
        return info[2 * subject];
    }

    int rowCountOf(int subject) {
        return rowsIn(info, subject);
    }

    int referenceCountOf(int subject) {
        return referencesIn(info, subject);
    }

    /** A subject's counts as {@code info} holds them, beside its key. */
    static long countsOf(int rows, int references) {
        return (long) rows << 32 | references;
    }

    /** The subject's row count in {@code info} (this one's, or an image's copy). */
    static int rowsIn(long[] info, int subject) {
        return (int) (info[2 * subject + 1] >>> 32);
    }

    /** The subject's reference count in {@code info}. */
    private static int referencesIn(long[] info, int subject) {
        return (int) info[2 * subject + 1];
    }

    private void rehash() {
        int[] larger = new int[table.length * 2];
        byte[][] pool = emails.chunks();
        for (int subject = 0; subject < count; subject++) {
            long key = keyOf(subject);
            place(larger, key > 0 ? hashOf(key) : hashOf(StringPool.read(pool, -key - 1)), subject);
        }
        table = larger;
    }

    private static void place(int[] into, int hash, int subject) {
        int mask = into.length - 1;
        int slot = hash & mask;
        while (into[slot] != 0) {
            slot = slot + 1 & mask;
        }
        into[slot] = subject + 1;
    }

    private void addMd5(byte[] md5, int subject) {
        if ((md5Entries + 1) * 3L > md5Table.length * 2L) {
            long[] larger = new long[md5Table.length * 2];
            for (long entry : md5Table) {
                if (entry != 0) {
                    placeMd5(larger, entry);
                }
            }
            md5Table = larger;
        }
        placeMd5(md5Table, (long) prefixOf(md5) << 32 | (subject + 1L));
        md5Entries++;
    }

    private static void placeMd5(long[] into, long entry) {
        int mask = into.length - 1;
        int slot = (int) (entry >>> 32) & mask;
        while (into[slot] != 0) {
            slot = slot + 1 & mask;
        }
        into[slot] = entry;
    }

    /** A quarter more, at least {@code minimum} more. */
    private static int grown(int size, int minimum) {
        long grown = size + Math.max(minimum, size >> 2);
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the index cannot hold more than " + size + " entries here");
        }
        return (int) grown;
    }

    private static int prefixOf(byte[] md5) {
        return (md5[0] & 0xff) << 24 | (md5[1] & 0xff) << 16 | (md5[2] & 0xff) << 8 | md5[3] & 0xff;
    }

    private static int hashOf(long digits) {
        long h = digits * 0x9e37_79b9_7f4a_7c15L;
        return (int) (h ^ h >>> 32);
    }

    private static int hashOf(String address) {
        int h = address.hashCode() * 0x9e37_79b9;
        return h ^ h >>> 16;
    }

    static byte[] md5Of(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}

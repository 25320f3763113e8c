package dev.signals.adapter.eventsource.inmemory;

import java.util.Arrays;

/**
 * The values of wide rows ({@link EventRows}) in full: reportedAt in micros, institution and overdue days,
 * and the reference of a balance's event id in the {@link StringPool} (+1, 0 for none). Append-only, in
 * chunks that are filled in place and never moved, so a reader holding {@link #chunks()} as it was can read
 * every record written before, while the writer appends.
 */
final class WideRecords {

    private static final int LONGS = 3;
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_RECORDS = 1 << CHUNK_BITS;
    private static final int RECORD_MASK = CHUNK_RECORDS - 1;

    private long[][] chunks = new long[4][];
    private long count;

    /** Appends a record and returns its number. */
    long add(long reportedMicros, int institution, int overdueDays, long idReference) {
        int chunk = (int) (count >>> CHUNK_BITS);
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length + (chunks.length >> 1));
        }
        if (chunks[chunk] == null) {
            chunks[chunk] = new long[CHUNK_RECORDS * LONGS];
        }
        int at = (int) (count & RECORD_MASK) * LONGS;
        long[] values = chunks[chunk];
        values[at] = reportedMicros;
        values[at + 1] = (long) institution << 32 | (overdueDays + 1L);
        values[at + 2] = idReference + 1;
        return count++;
    }

    long[][] chunks() {
        return chunks;
    }

    /** The records as they are now: chunks are never written again below {@link Image#count}. */
    Image image() {
        return new Image(Arrays.copyOf(chunks, (int) ((count + RECORD_MASK) >>> CHUNK_BITS)), count);
    }

    static WideRecords of(Image image) {
        WideRecords records = new WideRecords();
        records.chunks = Arrays.copyOf(image.chunks(), Math.max(4, image.chunks().length + 1));
        records.count = image.count();
        return records;
    }

    /** The records of {@link WideRecords}: {@code count} of them in the chunks. */
    record Image(long[][] chunks, long count) {

        void writeTo(CheckpointOut out) throws java.io.IOException {
            out.putLong(count);
            for (long[] chunk : chunks) {
                out.putLongs(chunk, 0, chunk.length);
            }
        }

        static Image readFrom(CheckpointIn in) throws java.io.IOException {
            long count = in.getLong();
            if (count < 0 || count > Integer.MAX_VALUE * (long) CHUNK_RECORDS) {
                throw new CheckpointIn.Corrupt("a count of " + count + " wide records");
            }
            long[][] chunks = new long[(int) ((count + RECORD_MASK) >>> CHUNK_BITS)][];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = in.getLongs(CHUNK_RECORDS * LONGS);
            }
            return new Image(chunks, count);
        }
    }

    static long reportedMicros(long[][] chunks, long record) {
        return chunks[(int) (record >>> CHUNK_BITS)][(int) (record & RECORD_MASK) * LONGS];
    }

    static int institution(long[][] chunks, long record) {
        return (int) (chunks[(int) (record >>> CHUNK_BITS)][(int) (record & RECORD_MASK) * LONGS + 1] >>> 32);
    }

    static int overdueDays(long[][] chunks, long record) {
        return (int) ((chunks[(int) (record >>> CHUNK_BITS)][(int) (record & RECORD_MASK) * LONGS + 1] & 0xffff_ffffL) - 1);
    }

    /** The event id's reference in the string pool, or -1 when the event's id is not kept. */
    static long idReference(long[][] chunks, long record) {
        return chunks[(int) (record >>> CHUNK_BITS)][(int) (record & RECORD_MASK) * LONGS + 2] - 1;
    }
}

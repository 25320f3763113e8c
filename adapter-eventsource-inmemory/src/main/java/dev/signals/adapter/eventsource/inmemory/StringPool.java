package dev.signals.adapter.eventsource.inmemory;

import java.util.Arrays;

/**
 * Short strings (e-mail addresses, balances' event ids) in append-only chunks of bytes, one string after
 * another without an object each. A string is its length in bytes (2 bytes) and its chars, each encoded on
 * its own in 1 to 3 bytes the way UTF-8 encodes a char below U+10000: ASCII takes a byte, and every string,
 * unpaired surrogates included, reads back exactly. Chunks are filled in place and never moved, so a reader
 * holding {@link #chunks()} as it was reads every string written before while the writer appends.
 */
final class StringPool {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK_BYTES = 1 << CHUNK_BITS;
    private static final int MAX_BYTES = CHUNK_BYTES - 2;

    private byte[][] chunks = new byte[4][];
    private int chunk = -1;
    private int position = CHUNK_BYTES;

    /** Appends the string and returns its reference. */
    long add(String value) {
        int length = encodedLength(value);
        if (length > MAX_BYTES) {
            throw new IllegalArgumentException("a pooled string has at most " + MAX_BYTES + " bytes, this one " + length);
        }
        if (position + 2 + length > CHUNK_BYTES) {
            chunk++;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunks.length + (chunks.length >> 1));
            }
            chunks[chunk] = new byte[CHUNK_BYTES];
            position = 0;
        }
        byte[] bytes = chunks[chunk];
        long reference = (long) chunk << CHUNK_BITS | position;
        bytes[position++] = (byte) (length >>> 8);
        bytes[position++] = (byte) length;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes[position++] = (byte) c;
            } else if (c < 0x800) {
                bytes[position++] = (byte) (0xc0 | c >>> 6);
                bytes[position++] = (byte) (0x80 | c & 0x3f);
            } else {
                bytes[position++] = (byte) (0xe0 | c >>> 12);
                bytes[position++] = (byte) (0x80 | c >>> 6 & 0x3f);
                bytes[position++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return reference;
    }

    byte[][] chunks() {
        return chunks;
    }

    /** The pool as it is now: the chunks filled so far, which are never written again below {@link Image#position}. */
    Image image() {
        return new Image(Arrays.copyOf(chunks, chunk + 1), chunk, position);
    }

    /** A pool holding what {@code image} held, to be appended to. */
    static StringPool of(Image image) {
        StringPool pool = new StringPool();
        pool.chunks = Arrays.copyOf(image.chunks(), Math.max(4, image.chunks().length));
        pool.chunk = image.chunk();
        pool.position = image.position();
        return pool;
    }

    /** The strings of a pool: its chunks up to {@code chunk}, the last filled up to {@code position}. */
    record Image(byte[][] chunks, int chunk, int position) {

        void writeTo(CheckpointOut out) throws java.io.IOException {
            out.putInt(chunk);
            out.putInt(position);
            for (int i = 0; i <= chunk; i++) {
                out.putBytes(chunks[i], 0, CHUNK_BYTES);
            }
        }

        static Image readFrom(CheckpointIn in) throws java.io.IOException {
            int chunk = in.getInt();
            int position = in.getInt();
            if (chunk < -1 || position < 0 || position > CHUNK_BYTES) {
                throw new CheckpointIn.Corrupt("a string pool of " + chunk + " chunks at " + position);
            }
            byte[][] chunks = new byte[chunk + 1][];
            for (int i = 0; i <= chunk; i++) {
                chunks[i] = in.getBytes(CHUNK_BYTES);
            }
            return new Image(chunks, chunk, position);
        }
    }

    static String read(byte[][] chunks, long reference) {
        byte[] bytes = chunks[(int) (reference >>> CHUNK_BITS)];
        int at = (int) reference & (CHUNK_BYTES - 1);
        int end = end(bytes, at);
        StringBuilder value = new StringBuilder(end - at - 2);
        for (int i = at + 2; i < end; i += widthOf(bytes[i])) {
            value.append(charAt(bytes, i));
        }
        return value.toString();
    }

    /** Whether the string at {@code reference} is {@code value}, compared where it lies. */
    static boolean matches(byte[][] chunks, long reference, String value) {
        byte[] bytes = chunks[(int) (reference >>> CHUNK_BITS)];
        int at = (int) reference & (CHUNK_BYTES - 1);
        int end = end(bytes, at);
        int i = at + 2;
        for (int c = 0; c < value.length(); c++) {
            if (i >= end || charAt(bytes, i) != value.charAt(c)) {
                return false;
            }
            i += widthOf(bytes[i]);
        }
        return i == end;
    }

    private static int end(byte[] bytes, int at) {
        return at + 2 + ((bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff);
    }

    private static int widthOf(byte first) {
        int b = first & 0xff;
        return b < 0x80 ? 1 : b < 0xe0 ? 2 : 3;
    }

    private static char charAt(byte[] bytes, int i) {
        int b = bytes[i] & 0xff;
        if (b < 0x80) {
            return (char) b;
        }
        if (b < 0xe0) {
            return (char) ((b & 0x1f) << 6 | bytes[i + 1] & 0x3f);
        }
        return (char) ((b & 0x0f) << 12 | (bytes[i + 1] & 0x3f) << 6 | bytes[i + 2] & 0x3f);
    }

    private static int encodedLength(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return length;
    }
}

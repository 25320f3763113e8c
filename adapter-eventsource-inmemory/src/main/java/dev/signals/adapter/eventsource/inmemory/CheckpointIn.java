package dev.signals.adapter.eventsource.inmemory;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * A checkpoint file being read, the reverse of {@link CheckpointOut}. {@link #verify} checks the file whole (its
 * length and its CRC32C) before a value is read from it.
 */
final class CheckpointIn {

    /** What a checkpoint that cannot be read exactly throws: truncated, corrupt, or not what it says. */
    static final class Corrupt extends IOException {
        Corrupt(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private long left;

    private CheckpointIn(FileChannel channel, long length) {
        this.channel = channel;
        this.left = length;
        buffer.flip();
    }

    /**
     * Reads the whole file once to check its trailer: the length of what precedes it and that part's CRC32C; then
     * returns a reader of that part.
     *
     * @throws Corrupt when the file is shorter than a trailer, or either does not match
     */
    static CheckpointIn verify(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < CheckpointOut.TRAILER_BYTES) {
            throw new Corrupt("only " + size + " bytes");
        }
        long length = size - CheckpointOut.TRAILER_BYTES;
        ByteBuffer trailer = ByteBuffer.allocate(CheckpointOut.TRAILER_BYTES);
        while (trailer.hasRemaining() && channel.read(trailer, length + trailer.position()) >= 0) {
            // reads the trailer
        }
        trailer.flip();
        long declared = trailer.getLong();
        int expected = trailer.getInt();
        if (declared != length) {
            throw new Corrupt("it says " + declared + " bytes precede its trailer, but " + length + " do (truncated?)");
        }
        CRC32C checksum = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < length; ) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), length - at));
            int read = channel.read(chunk, at);
            if (read < 0) {
                throw new Corrupt("it ends at " + at + " of " + length + " bytes");
            }
            chunk.flip();
            checksum.update(chunk);
            at += read;
        }
        if ((int) checksum.getValue() != expected) {
            throw new Corrupt("its checksum does not match its content");
        }
        channel.position(0);
        return new CheckpointIn(channel, length);
    }

    int getByte() throws IOException {
        need(1);
        return buffer.get();
    }

    int getInt() throws IOException {
        need(Integer.BYTES);
        return buffer.getInt();
    }

    long getLong() throws IOException {
        need(Long.BYTES);
        return buffer.getLong();
    }

    long[] getLongs(int count) throws IOException {
        if (count < 0 || (long) count * Long.BYTES > left + buffer.remaining()) {
            throw new Corrupt("an array of " + count + " longs where " + (left + buffer.remaining()) + " bytes are left");
        }
        long[] values = new long[count];
        for (int from = 0; from < count; ) {
            need(Long.BYTES);
            int n = Math.min(count - from, buffer.remaining() / Long.BYTES);
            buffer.asLongBuffer().get(values, from, n);
            buffer.position(buffer.position() + n * Long.BYTES);
            from += n;
        }
        return values;
    }

    int[] getInts(int count) throws IOException {
        if (count < 0 || (long) count * Integer.BYTES > left + buffer.remaining()) {
            throw new Corrupt("an array of " + count + " ints where " + (left + buffer.remaining()) + " bytes are left");
        }
        int[] values = new int[count];
        for (int from = 0; from < count; ) {
            need(Integer.BYTES);
            int n = Math.min(count - from, buffer.remaining() / Integer.BYTES);
            buffer.asIntBuffer().get(values, from, n);
            buffer.position(buffer.position() + n * Integer.BYTES);
            from += n;
        }
        return values;
    }

    byte[] getBytes(int count) throws IOException {
        if (count < 0 || count > left + buffer.remaining()) {
            throw new Corrupt("" + count + " bytes where " + (left + buffer.remaining()) + " are left");
        }
        byte[] values = new byte[count];
        for (int from = 0; from < count; ) {
            need(1);
            int n = Math.min(count - from, buffer.remaining());
            buffer.get(values, from, n);
            from += n;
        }
        return values;
    }

    String getString() throws IOException {
        return new String(getBytes(getInt()), StandardCharsets.UTF_8);
    }

    /** Whether every byte before the trailer was read. */
    boolean atEnd() {
        return left == 0 && !buffer.hasRemaining();
    }

    private void need(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        buffer.compact();
        while (buffer.position() < bytes) {
            if (left == 0) {
                throw new EOFException("the checkpoint ends in the middle of a value");
            }
            int limit = (int) Math.min(buffer.remaining(), left);
            ByteBuffer slice = buffer.slice().limit(limit);
            int read = channel.read(slice);
            if (read < 0) {
                throw new EOFException("the checkpoint ends early");
            }
            buffer.position(buffer.position() + read);
            left -= read;
        }
        buffer.flip();
    }
}

package dev.signals.adapter.eventsource.inmemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * A checkpoint file being written: values in big-endian order through a large buffer, arrays in bulk, every byte
 * counted into a CRC32C; {@link #finish} appends the length and the checksum of all that came before and forces the
 * file to disk. The trailer is what {@link CheckpointIn#verify} checks before anything is read.
 */
final class CheckpointOut {

    static final int TRAILER_BYTES = Long.BYTES + Integer.BYTES;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private final CRC32C checksum = new CRC32C();
    private long length;

    CheckpointOut(FileChannel channel) {
        this.channel = channel;
    }

    void putByte(int value) throws IOException {
        room(1);
        buffer.put((byte) value);
    }

    void putInt(int value) throws IOException {
        room(Integer.BYTES);
        buffer.putInt(value);
    }

    void putLong(long value) throws IOException {
        room(Long.BYTES);
        buffer.putLong(value);
    }

    void putLongs(long[] values, int from, int count) throws IOException {
        while (count > 0) {
            room(Long.BYTES);
            int n = Math.min(count, buffer.remaining() / Long.BYTES);
            buffer.asLongBuffer().put(values, from, n);
            buffer.position(buffer.position() + n * Long.BYTES);
            from += n;
            count -= n;
        }
    }

    void putInts(int[] values) throws IOException {
        for (int from = 0, count = values.length; count > 0; ) {
            room(Integer.BYTES);
            int n = Math.min(count, buffer.remaining() / Integer.BYTES);
            buffer.asIntBuffer().put(values, from, n);
            buffer.position(buffer.position() + n * Integer.BYTES);
            from += n;
            count -= n;
        }
    }

    void putBytes(byte[] values, int from, int count) throws IOException {
        while (count > 0) {
            room(1);
            int n = Math.min(count, buffer.remaining());
            buffer.put(values, from, n);
            from += n;
            count -= n;
        }
    }

    void putString(String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        putBytes(bytes, 0, bytes.length);
    }

    /** Writes what is buffered, the length and the checksum, and forces it all to disk. */
    void finish() throws IOException {
        drain();
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES).putLong(length).putInt((int) checksum.getValue()).flip();
        while (trailer.hasRemaining()) {
            channel.write(trailer);
        }
        channel.force(true);
    }

    private void room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            drain();
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        checksum.update(buffer.duplicate());
        length += buffer.remaining();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}

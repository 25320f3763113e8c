package dev.signals.adapter.rest.json;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of an NDJSON body, read from the stream a buffer at a time so that a body of any length is
 * never held whole. Lines end with {@code \n} (a {@code \r} before it is dropped) and are numbered from 0;
 * a UTF-8 byte order mark before the first line is skipped. Memory stays bounded: a line longer than
 * {@code maxLineBytes} comes back as {@linkplain Line#problem() a problem} instead of its text, and reading
 * beyond {@code maxBytes} of body throws {@link TooLargeException}.
 */
public final class NdjsonLines implements Closeable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final long maxBytes;
    private final int maxLineBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int filled;
    private long bytesRead;
    private boolean ended;
    private int nextNumber;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lineTooLong;

    public NdjsonLines(InputStream in, long maxBytes, int maxLineBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.maxLineBytes = maxLineBytes;
    }

    /** One line: its 0-based number and its text, or, when it could not be decoded, why not. */
    public record Line(int number, String text, String problem) {

        /** An empty or white-space line, which holds no event but keeps its number. */
        public boolean isBlank() {
            return problem == null && text.isBlank();
        }
    }

    /** The body went on past {@code maxBytes}; the lines handed out before it stand. */
    public static final class TooLargeException extends IOException {

        TooLargeException(long maxBytes) {
            super("the body is longer than " + maxBytes + " bytes");
        }
    }

    /** The next line, or null when the body has ended. */
    public Line next() throws IOException {
        lineLength = 0;
        lineTooLong = false;
        boolean any = false;
        while (true) {
            if (position == filled && !fill()) {
                return any ? finish() : null;
            }
            any = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? filled : newline;
            append(position, end);
            if (newline >= 0) {
                position = newline + 1;
                return finish();
            }
            position = filled;
        }
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            ended = true;
            return false;
        }
        bytesRead += read;
        if (bytesRead > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        position = 0;
        filled = read;
        if (bytesRead == read) {
            skipByteOrderMark();
        }
        return true;
    }

    /** A byte order mark is only recognised when the first read brings all three of its bytes, as any real client's does. */
    private void skipByteOrderMark() {
        if (filled >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
            position = 3;
        }
    }

    private int indexOfNewline() {
        for (int i = position; i < filled; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int to) {
        int length = to - from;
        if (lineTooLong || length == 0) {
            return;
        }
        if (lineLength + length > maxLineBytes + 1) { // + 1: room for the \r of a line of exactly maxLineBytes
            lineTooLong = true;
            return;
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + length, Math.min(line.length * 2, maxLineBytes + 1)));
        }
        System.arraycopy(buffer, from, line, lineLength, length);
        lineLength += length;
    }

    private Line finish() {
        int number = nextNumber++;
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        if (lineTooLong || length > maxLineBytes) {
            return new Line(number, null, "the line is longer than the " + maxLineBytes + " bytes an event may take");
        }
        try {
            return new Line(number, utf8.decode(ByteBuffer.wrap(line, 0, length)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "the line is not UTF-8 text");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package dev.signals.adapter.persistence;

import dev.signals.domain.calculation.Micros;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Explanation} as the {@code signal_request.explanation} column, in a fixed binary order: a request may
 * explain 1,000 events for 108 signals (about 200 KB as JSON, some 20 KB here). Numbers are unsigned LEB128 varints
 * (zigzag where they may be negative), strings UTF-8 after their length. Version 2, written since issue 16's last
 * round:
 * <pre>
 *   version 2, truncated (0 or 1), evidence count
 *   per evidence in order (its ref is e and its position from 1):
 *     type (its stored code, {@link EventMapper}),
 *     occurredAt (micros) less the previous evidence's (zigzag; the evidence is in occurredAt order, so small),
 *     reportedAt less occurredAt (zigzag),
 *     flags: 1 amount, 2 overdueDays, 4 autoRepayment given, 8 autoRepayment true, 16 eventId,
 *     then those present: amount (cents), overdueDays, and institution (0 for own, n for other-n), eventId
 *   list count, then per signal: its name, then its refs (ascending, as the {@code Explainer} lists them) in the
 *   shorter of two forms: 0, their number and their positions as gaps from the one before (the first from 0); or,
 *   when more than one evidence in eight is a ref, 1, a length and a bit set's bytes (bit p-1 for ep)
 * </pre>
 * Version 1 (written before: fixed-width numbers, modified UTF-8, refs as the words of a bit set) is still read.
 * Not deflated: compressing took more time than writing the bytes it saved (ExplanationBenchmark's profile), and
 * version 2 is about half the size of version 1 and quicker to write (no stream call per field).
 */
final class ExplanationColumn {

    private static final byte VERSION_1 = 1;
    private static final byte VERSION_2 = 2;
    private static final int AMOUNT = 1;
    private static final int OVERDUE_DAYS = 2;
    private static final int AUTO_REPAYMENT_GIVEN = 4;
    private static final int AUTO_REPAYMENT = 8;
    private static final int EVENT_ID = 16;
    private static final byte GAPS = 0;
    private static final byte BIT_SET = 1;

    private ExplanationColumn() {
    }

    static byte[] toColumn(Explanation explanation) {
        if (explanation == null) {
            return null;
        }
        Bytes out = new Bytes(16 * 1024);
        out.put(VERSION_2);
        out.put(explanation.truncated() ? 1 : 0);
        out.putVar(explanation.evidence().size());
        long previous = 0;
        for (Evidence e : explanation.evidence()) {
            long occurred = Micros.of(e.occurredAt());
            out.put(EventMapper.typeCode(e.type()));
            out.putZigzag(occurred - previous);
            out.putZigzag(Micros.of(e.reportedAt()) - occurred);
            previous = occurred;
            int flags = (e.amount() != null ? AMOUNT : 0) | (e.overdueDays() != null ? OVERDUE_DAYS : 0)
                    | (e.autoRepayment() != null ? AUTO_REPAYMENT_GIVEN : 0)
                    | (Boolean.TRUE.equals(e.autoRepayment()) ? AUTO_REPAYMENT : 0) | (e.eventId() != null ? EVENT_ID : 0);
            out.put(flags);
            if (e.amount() != null) {
                out.putVar(e.amount().unscaledValue().longValueExact());
            }
            if (e.overdueDays() != null) {
                out.putVar(e.overdueDays());
            }
            out.putVar(institutionNumber(e.institution()));
            if (e.eventId() != null) {
                out.putText(e.eventId());
            }
        }
        out.putVar(explanation.refs().size());
        for (Map.Entry<String, List<String>> list : explanation.refs().entrySet()) {
            out.putText(list.getKey());
            List<String> refs = list.getValue();
            if (refs.size() * 8 > explanation.evidence().size()) {
                // dense: a bit per evidence is shorter than a byte or more per ref
                BitSet positions = new BitSet(explanation.evidence().size());
                refs.forEach(ref -> positions.set(position(ref) - 1));
                byte[] bits = positions.toByteArray();
                out.put(BIT_SET);
                out.putVar(bits.length);
                out.putBytes(bits);
            } else {
                out.put(GAPS);
                out.putVar(refs.size());
                int last = 0;
                for (String ref : refs) {
                    int position = position(ref);
                    out.putVar(position - last);
                    last = position;
                }
            }
        }
        return out.toArray();
    }

    /** @throws IllegalStateException when the column is not an explanation this class wrote */
    static Explanation fromColumn(String requestId, byte[] column) {
        if (column == null) {
            return null;
        }
        try {
            return switch (column.length == 0 ? 0 : column[0]) {
                case VERSION_2 -> fromVersion2(column);
                case VERSION_1 -> fromVersion1(column);
                default -> throw new IllegalStateException("explanation column version " + (column.length == 0 ? "none" : column[0])
                        + ", this node reads 1 and 2");
            };
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("stored signal request " + requestId + " has an explanation that cannot be read", e);
        }
    }

    private static Explanation fromVersion2(byte[] column) {
        ByteBuffer in = ByteBuffer.wrap(column);
        in.get();
        boolean truncated = in.get() != 0;
        int count = (int) readVar(in);
        List<Evidence> evidence = new ArrayList<>(count);
        long previous = 0;
        for (int i = 1; i <= count; i++) {
            EventType type = EventMapper.type(in.get());
            long occurred = previous + readZigzag(in);
            long reported = occurred + readZigzag(in);
            previous = occurred;
            int flags = in.get();
            BigDecimal amount = (flags & AMOUNT) != 0 ? BigDecimal.valueOf(readVar(in), 2) : null;
            Integer overdueDays = (flags & OVERDUE_DAYS) != 0 ? (int) readVar(in) : null;
            Boolean autoRepayment = (flags & AUTO_REPAYMENT_GIVEN) != 0 ? (flags & AUTO_REPAYMENT) != 0 : null;
            int institution = (int) readVar(in);
            String eventId = (flags & EVENT_ID) != 0 ? readText(in) : null;
            evidence.add(new Evidence("e" + i, type, Micros.toInstant(occurred), Micros.toInstant(reported), amount,
                    overdueDays, autoRepayment, institution == 0 ? Evidence.OWN : Evidence.other(institution), eventId));
        }
        int lists = (int) readVar(in);
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (int l = 0; l < lists; l++) {
            String signal = readText(in);
            byte form = in.get();
            List<String> names;
            if (form == BIT_SET) {
                byte[] bits = new byte[(int) readVar(in)];
                in.get(bits);
                names = BitSet.valueOf(bits).stream().mapToObj(p -> evidence.get(p).ref()).toList();
            } else if (form == GAPS) {
                int size = (int) readVar(in);
                names = new ArrayList<>(size);
                int position = 0;
                for (int r = 0; r < size; r++) {
                    position += (int) readVar(in);
                    names.add(evidence.get(position - 1).ref());
                }
            } else {
                throw new IllegalStateException("refs of " + signal + " in an unknown form " + form);
            }
            refs.put(signal, names);
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException(in.remaining() + " bytes after the explanation");
        }
        return new Explanation(evidence, refs, truncated);
    }

    /** The first layout, fixed-width numbers through a {@link DataInputStream}. */
    private static Explanation fromVersion1(byte[] column) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(column))) {
            in.readByte();
            boolean truncated = in.readBoolean();
            int count = in.readInt();
            List<Evidence> evidence = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                EventType type = EventMapper.type(in.readByte());
                Instant occurredAt = Micros.toInstant(in.readLong());
                Instant reportedAt = Micros.toInstant(in.readLong());
                BigDecimal amount = in.readBoolean() ? new BigDecimal(BigInteger.valueOf(in.readLong()), 2) : null;
                Integer overdueDays = in.readBoolean() ? in.readInt() : null;
                byte autoRepayment = in.readByte();
                int institution = in.readInt();
                String eventId = in.readBoolean() ? in.readUTF() : null;
                evidence.add(new Evidence("e" + i, type, occurredAt, reportedAt, amount, overdueDays,
                        autoRepayment == 0 ? null : autoRepayment == 2,
                        institution == 0 ? Evidence.OWN : Evidence.other(institution), eventId));
            }
            int lists = in.readInt();
            Map<String, List<String>> refs = new LinkedHashMap<>();
            for (int l = 0; l < lists; l++) {
                String signal = in.readUTF();
                long[] words = new long[in.readInt()];
                for (int w = 0; w < words.length; w++) {
                    words[w] = in.readLong();
                }
                refs.put(signal, BitSet.valueOf(words).stream().mapToObj(p -> evidence.get(p).ref()).toList());
            }
            return new Explanation(evidence, refs, truncated);
        }
    }

    /** The n of a ref {@code en}, as the Explainer names them. */
    private static int position(String ref) {
        int n = 0;
        for (int i = 1; i < ref.length(); i++) {
            n = n * 10 + (ref.charAt(i) - '0');
        }
        return n;
    }

    private static long readVar(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
            if (shift > 56) {
                throw new IllegalStateException("a varint longer than 64 bits");
            }
        }
    }

    private static long readZigzag(ByteBuffer in) {
        long zigzag = readVar(in);
        return zigzag >>> 1 ^ -(zigzag & 1);
    }

    private static String readText(ByteBuffer in) {
        int length = (int) readVar(in);
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    /** A growing byte array written at its end. */
    private static final class Bytes {

        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        void put(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void putVar(long value) {
            ensure(10);
            while ((value & ~0x7fL) != 0) {
                bytes[size++] = (byte) (value & 0x7f | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void putZigzag(long value) {
            putVar(value << 1 ^ value >> 63);
        }

        void putText(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            putVar(utf8.length);
            putBytes(utf8);
        }

        void putBytes(byte[] more) {
            ensure(more.length);
            System.arraycopy(more, 0, bytes, size, more.length);
            size += more.length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** 0 for {@code own}, n for {@code other-n}. */
    private static int institutionNumber(String masked) {
        if (masked.equals(Evidence.OWN)) {
            return 0;
        }
        int n = Integer.parseInt(masked.substring("other-".length()));
        if (!Evidence.other(n).equals(masked)) {
            throw new IllegalStateException("not a masked institution: " + masked);
        }
        return n;
    }
}

package dev.signals.adapter.persistence;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * An {@link Explanation} as the {@code signal_request.explanation} column: fields in a fixed order, deflated, as a
 * request may explain 1,000 events for 108 signals (about 200 KB as JSON, some 10 KB here). Version 1:
 * <pre>
 *   version 1, truncated
 *   evidence count, then per evidence in order (its ref is e and its position from 1):
 *     type, occurredAt and reportedAt (epoch second, nano), amount (present?, unscaled cents),
 *     overdueDays (present?, value), autoRepayment (0 none, 1 false, 2 true), institution, eventId (present?, value)
 *   list count, then per signal: its name, count, the positions of its refs
 * </pre>
 * Strings are modified UTF-8 ({@link DataOutputStream#writeUTF}); ids and names are far below its 64 KB.
 */
final class ExplanationColumn {

    private static final byte VERSION = 1;

    private ExplanationColumn() {
    }

    static byte[] toColumn(Explanation explanation) {
        if (explanation == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 8 * 1024))) {
            out.writeByte(VERSION);
            out.writeBoolean(explanation.truncated());
            out.writeInt(explanation.evidence().size());
            for (Evidence e : explanation.evidence()) {
                out.writeUTF(e.type().name());
                writeInstant(out, e.occurredAt());
                writeInstant(out, e.reportedAt());
                out.writeBoolean(e.amount() != null);
                if (e.amount() != null) {
                    out.writeLong(e.amount().unscaledValue().longValueExact());
                }
                out.writeBoolean(e.overdueDays() != null);
                if (e.overdueDays() != null) {
                    out.writeInt(e.overdueDays());
                }
                out.writeByte(e.autoRepayment() == null ? 0 : e.autoRepayment() ? 2 : 1);
                out.writeUTF(e.institution());
                out.writeBoolean(e.eventId() != null);
                if (e.eventId() != null) {
                    out.writeUTF(e.eventId());
                }
            }
            out.writeInt(explanation.refs().size());
            for (Map.Entry<String, List<String>> list : explanation.refs().entrySet()) {
                out.writeUTF(list.getKey());
                out.writeInt(list.getValue().size());
                for (String ref : list.getValue()) {
                    out.writeInt(Integer.parseInt(ref.substring(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalStateException when the column is not an explanation this class wrote */
    static Explanation fromColumn(String requestId, byte[] column) {
        if (column == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(column)))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("explanation column version " + version + ", this node reads " + VERSION);
            }
            boolean truncated = in.readBoolean();
            int count = in.readInt();
            List<Evidence> evidence = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                EventType type = EventType.valueOf(in.readUTF());
                Instant occurredAt = readInstant(in);
                Instant reportedAt = readInstant(in);
                BigDecimal amount = in.readBoolean() ? new BigDecimal(BigInteger.valueOf(in.readLong()), 2) : null;
                Integer overdueDays = in.readBoolean() ? in.readInt() : null;
                byte autoRepayment = in.readByte();
                String institution = in.readUTF();
                String eventId = in.readBoolean() ? in.readUTF() : null;
                evidence.add(new Evidence("e" + i, type, occurredAt, reportedAt, amount, overdueDays,
                        autoRepayment == 0 ? null : autoRepayment == 2, institution, eventId));
            }
            int lists = in.readInt();
            Map<String, List<String>> refs = new LinkedHashMap<>();
            for (int l = 0; l < lists; l++) {
                String signal = in.readUTF();
                int size = in.readInt();
                List<String> list = new ArrayList<>(size);
                for (int r = 0; r < size; r++) {
                    list.add("e" + in.readInt());
                }
                refs.put(signal, List.copyOf(list));
            }
            return new Explanation(evidence, refs, truncated);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("stored signal request " + requestId + " has an explanation that cannot be read", e);
        }
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}

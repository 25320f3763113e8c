package dev.signals.adapter.persistence;

import dev.signals.domain.calculation.Micros;
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
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Explanation} as the {@code signal_request.explanation} column, in a fixed binary order: a request may
 * explain 1,000 events for 108 signals (about 200 KB as JSON, some 40 KB here). Version 1:
 * <pre>
 *   version 1, truncated
 *   evidence count, then per evidence in order (its ref is e and its position from 1):
 *     type (its stored code, {@link EventMapper}), occurredAt and reportedAt (micros), amount (present?, cents),
 *     overdueDays (present?, value), autoRepayment (0 none, 1 false, 2 true),
 *     institution (0 for own, n for other-n), eventId (present?, value)
 *   list count, then per signal: its name, then its refs as the words of a bit set of positions (bit p-1 for ep)
 * </pre>
 * Refs are kept as sets, in ascending order, as the {@code Explainer} lists them. Not deflated: compressing took
 * more time than writing the bytes it saved (ExplanationBenchmark's profile). Strings are modified UTF-8
 * ({@link DataOutputStream#writeUTF}); ids and names are far below its 64 KB.
 */
final class ExplanationColumn {

    private static final byte VERSION = 1;

    private ExplanationColumn() {
    }

    static byte[] toColumn(Explanation explanation) {
        if (explanation == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeBoolean(explanation.truncated());
            out.writeInt(explanation.evidence().size());
            for (Evidence e : explanation.evidence()) {
                out.writeByte(EventMapper.typeCode(e.type()));
                out.writeLong(Micros.of(e.occurredAt()));
                out.writeLong(Micros.of(e.reportedAt()));
                out.writeBoolean(e.amount() != null);
                if (e.amount() != null) {
                    out.writeLong(e.amount().unscaledValue().longValueExact());
                }
                out.writeBoolean(e.overdueDays() != null);
                if (e.overdueDays() != null) {
                    out.writeInt(e.overdueDays());
                }
                out.writeByte(e.autoRepayment() == null ? 0 : e.autoRepayment() ? 2 : 1);
                out.writeInt(institutionNumber(e.institution()));
                out.writeBoolean(e.eventId() != null);
                if (e.eventId() != null) {
                    out.writeUTF(e.eventId());
                }
            }
            out.writeInt(explanation.refs().size());
            for (Map.Entry<String, List<String>> list : explanation.refs().entrySet()) {
                out.writeUTF(list.getKey());
                BitSet positions = new BitSet(explanation.evidence().size());
                for (String ref : list.getValue()) {
                    positions.set(Integer.parseInt(ref.substring(1)) - 1);
                }
                long[] words = positions.toLongArray();
                out.writeInt(words.length);
                for (long word : words) {
                    out.writeLong(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalStateException when the column is not an explanation this class wrote */
    static Explanation fromColumn(String requestId, byte[] column) {
        if (column == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(column))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("explanation column version " + version + ", this node reads " + VERSION);
            }
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
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("stored signal request " + requestId + " has an explanation that cannot be read", e);
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

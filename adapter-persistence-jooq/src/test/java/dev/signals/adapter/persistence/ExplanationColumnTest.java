package dev.signals.adapter.persistence;

import dev.signals.domain.calculation.Micros;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.explanation.Evidence;
import dev.signals.domain.explanation.Explanation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored form of an explanation (contract section 2.5): every field back as it was, in either version. */
class ExplanationColumnTest {

    @Test
    void randomExplanationsComeBackAsTheyWereFromVersionTwoAndFromVersionOne() {
        SplittableRandom random = new SplittableRandom(16);
        for (int round = 0; round < 300; round++) {
            Explanation explanation = randomExplanation(random);

            byte[] column = ExplanationColumn.toColumn(explanation);

            assertThat(column[0]).isEqualTo((byte) 2);
            assertThat(ExplanationColumn.fromColumn("signal-test", column)).isEqualTo(explanation);
            assertThat(ExplanationColumn.fromColumn("signal-test", version1(explanation))).isEqualTo(explanation);
        }
    }

    @Test
    void aThousandEventsFor108SignalsTakeLessThanTwoThirdsOfWhatVersionOneTook() {
        Explanation random = randomExplanation(new SplittableRandom(3), 1_000, 0);
        // As the Explainer lists them: each signal names events of its own type, some window of them.
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (int s = 0; s < 108; s++) {
            EventType type = EventType.values()[s % EventType.values().length];
            int from = s % 3 * 300;
            refs.put("events_signal_" + s, random.evidence().stream().skip(from).filter(e -> e.type() == type).map(Evidence::ref).toList());
        }
        Explanation explanation = new Explanation(random.evidence(), refs, false);
        assertThat(ExplanationColumn.fromColumn("signal-test", ExplanationColumn.toColumn(explanation))).isEqualTo(explanation);

        assertThat(ExplanationColumn.toColumn(explanation).length).isLessThan(version1(explanation).length * 2 / 3);
    }

    @Test
    void aColumnThatIsNoExplanationIsRefusedWithTheRequestsId() {
        assertThatThrownBy(() -> ExplanationColumn.fromColumn("signal-x", new byte[] {9, 0}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("signal-x");
        assertThatThrownBy(() -> ExplanationColumn.fromColumn("signal-x", new byte[] {2, 0, 5}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("signal-x");
        assertThat(ExplanationColumn.fromColumn("signal-x", null)).isNull();
        assertThat(ExplanationColumn.toColumn(null)).isNull();
    }

    private static Explanation randomExplanation(SplittableRandom random) {
        return randomExplanation(random, random.nextInt(0, 60), random.nextInt(0, 12));
    }

    private static Explanation randomExplanation(SplittableRandom random, int events, int signals) {
        List<Evidence> evidence = new ArrayList<>();
        long occurred = Micros.of(Instant.parse("2024-01-01T00:00:00Z")) + random.nextLong(-1_000_000_000L, 1_000_000_000L);
        int others = 0;
        for (int i = 1; i <= events; i++) {
            occurred += random.nextInt(3) == 0 ? 0 : random.nextLong(0, 90L * Micros.DAY);
            long reported = occurred + random.nextLong(-5L * Micros.DAY, 5L * Micros.DAY);
            EventType type = EventType.values()[random.nextInt(EventType.values().length)];
            boolean overdue = type == EventType.OVERDUE;
            boolean own = random.nextInt(4) == 0;
            String institution = own ? Evidence.OWN : Evidence.other(random.nextInt(1, ++others + 1));
            evidence.add(new Evidence("e" + i, type, Micros.toInstant(occurred), Micros.toInstant(reported),
                    random.nextBoolean() ? BigDecimal.valueOf(random.nextLong(0, 999_999_999_999_999L), 2) : null,
                    overdue && random.nextBoolean() ? random.nextInt(0, 100_000) : null,
                    overdue && random.nextBoolean() ? random.nextBoolean() : null,
                    institution, own ? "id-\u00e9\ud83d\ude00-" + random.nextInt(1_000_000) : null));
        }
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (int s = 0; s < signals; s++) {
            List<String> list = new ArrayList<>();
            for (int i = 1; i <= events; i++) {
                if (random.nextInt(3) == 0) {
                    list.add("e" + i);
                }
            }
            refs.put("events_signal_" + s, list);
        }
        return new Explanation(evidence, refs, random.nextBoolean());
    }

    /** What version 1 wrote: the layout before, kept here to show that rows written then still read. */
    private static byte[] version1(Explanation explanation) {
        if (explanation == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
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
                out.writeInt(e.institution().equals(Evidence.OWN) ? 0 : Integer.parseInt(e.institution().substring("other-".length())));
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
}

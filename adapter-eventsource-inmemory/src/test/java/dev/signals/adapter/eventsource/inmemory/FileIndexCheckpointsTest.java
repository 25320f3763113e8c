package dev.signals.adapter.eventsource.inmemory;

import dev.signals.application.port.out.IndexCheckpointPort.IndexCheckpoint;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;
import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.calculation.EventHistory;
import dev.signals.domain.calculation.RandomHistories;
import dev.signals.domain.calculation.SignalCalculator;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.SubjectKeys;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checkpoints of the index (issue 18): a restored index is the index it was taken of, and keeps working as it would
 * have; a checkpoint that cannot be vouched for (truncated, corrupt, of another format version or journal) is not
 * used and leaves the index empty.
 */
class FileIndexCheckpointsTest {

    private static final SignalSelection ALL = SignalCatalogue.standard().allSignals();
    private static final Instant LATER = Instant.parse("2027-01-01T00:00:00Z");
    private static final String JOURNAL = "journal-1";
    private final SignalCalculator calculator = new SignalCalculator();

    /**
     * Random histories of several subjects (phones, some with e-mail addresses too, one e-mail address alone), with
     * retractions, some of events not added yet: the restored index answers every subject, under every key, as the
     * original, before and after both take the same events and retractions more.
     */
    @Property(tries = 60)
    void aRestoredIndexIsTheIndexItWasTakenOf(@ForAll("histories") List<RandomHistories.Scenario> scenarios,
                                             @ForAll long seed) throws IOException {
        Path directory = Files.createTempDirectory("checkpoints");
        try {
            Random random = new Random(seed);
            List<Event> events = SubjectHistories.spread(scenarios, random);
            int half = events.size() / 2;
            InMemoryEventIndex original = new InMemoryEventIndex();
            original.addAll(events.subList(0, half));
            List<RetractedEvent> before = SubjectHistories.retractSome(events, random, Instant.parse("2025-06-01T00:00:00Z"));
            original.retractAll(before);

            IndexCheckpoint taken = new IndexCheckpoint(JOURNAL, new JournalPosition(42), Set.of(new JournalPosition(43)), original.size());
            new FileIndexCheckpoints(original, directory).capture(taken).write();
            InMemoryEventIndex restored = new InMemoryEventIndex();
            Optional<IndexCheckpoint> read = new FileIndexCheckpoints(restored, directory).restore(JOURNAL);

            assertThat(read).contains(taken);
            assertSame(original, restored, events);

            List<RetractedEvent> after = SubjectHistories.retractSome(events, random, Instant.parse("2025-09-01T00:00:00Z"));
            for (InMemoryEventIndex index : List.of(original, restored)) {
                index.addAll(events.subList(half, events.size()));
                index.retractAll(after);
            }
            assertSame(original, restored, events);
        } finally {
            deleteAll(directory);
        }
    }

    @Provide
    Arbitrary<List<RandomHistories.Scenario>> histories() {
        return RandomHistories.scenarios().list().ofMinSize(1).ofMaxSize(4);
    }

    @Test
    void onlyTheLatestCheckpointIsKeptAndItIsTheOneRestored(@TempDir Path directory) throws IOException {
        InMemoryEventIndex index = new InMemoryEventIndex();
        FileIndexCheckpoints checkpoints = new FileIndexCheckpoints(index, directory);
        index.addAll(List.of(event("a", "+639171234567", null)));
        checkpoints.capture(checkpoint(1, 1)).write();
        index.addAll(List.of(event("b", "+639171234568", "b@example.com")));
        checkpoints.capture(checkpoint(2, 2)).write();

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.toList()).hasSize(1);
        }
        InMemoryEventIndex restored = new InMemoryEventIndex();
        assertThat(new FileIndexCheckpoints(restored, directory).restore(JOURNAL)).contains(checkpoint(2, 2));
        assertThat(restored.size()).isEqualTo(2);
        assertThat(restored.eventsOf(SubjectKeys.subjectOf("email:b@example.com")).size()).isEqualTo(1);
    }

    @Test
    void aCorruptByteAnywhereLeavesTheIndexEmpty(@TempDir Path directory) throws IOException {
        Path file = written(directory);
        byte[] good = Files.readAllBytes(file);
        for (int at : new int[] {0, 9, 20, good.length / 3, good.length / 2, good.length - 13, good.length - 5, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x40;
            Files.write(file, bad);
            assertNotUsed(directory, "a byte changed at " + at + " of " + good.length);
        }
        Files.write(file, good);
        assertThat(new FileIndexCheckpoints(new InMemoryEventIndex(), directory).restore(JOURNAL)).isPresent();
    }

    @Test
    void aTruncatedCheckpointLeavesTheIndexEmpty(@TempDir Path directory) throws IOException {
        Path file = written(directory);
        byte[] good = Files.readAllBytes(file);
        for (int length : new int[] {0, 5, 12, good.length / 2, good.length - 12, good.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(good, length));
            assertNotUsed(directory, "cut to " + length + " of " + good.length + " bytes");
        }
    }

    @Test
    void aCheckpointOfAnotherJournalOrFormatVersionLeavesTheIndexEmpty(@TempDir Path directory) throws IOException {
        written(directory);
        InMemoryEventIndex index = new InMemoryEventIndex();
        assertThat(new FileIndexCheckpoints(index, directory).restore("journal-2")).isEmpty();
        assertThat(index.size()).isZero();

        Path file = written(directory);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(Long.BYTES, FileIndexCheckpoints.VERSION + 1);
        Files.write(file, withTrailer(bytes));
        assertNotUsed(directory, "another format version, checksum and all");
    }

    @Test
    void aCheckpointThatCannotBeWrittenThrowsAndLeavesNothingBehind(@TempDir Path directory) throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("a-file"), "in the way");
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(List.of(event("a", "+639171234567", null)));

        assertThatThrownBy(() -> new FileIndexCheckpoints(index, notADirectory).capture(checkpoint(1, 1)).write())
                .isInstanceOf(UncheckedIOException.class);
        assertThat(Files.readString(notADirectory)).isEqualTo("in the way");
    }

    @Test
    void anIndexHoldingEventsIsNotRestoredOver(@TempDir Path directory) throws IOException {
        written(directory);
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(List.of(event("x", "+639170000001", null)));

        assertThat(new FileIndexCheckpoints(index, directory).restore(JOURNAL)).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    /** A checkpoint of a small index with every part in use, and its file. */
    private Path written(Path directory) throws IOException {
        InMemoryEventIndex index = new InMemoryEventIndex();
        index.addAll(List.of(event("a", "+639171234567", "a@example.com"), event("b", null, "b@example.com"),
                new Event("c", new InstitutionId("lender-2"), EventType.OVERDUE, new PhoneNumber("+639171234567"), null,
                        Instant.parse("2024-07-01T00:00:00Z"), Instant.parse("2024-07-02T00:00:00Z"), new BigDecimal("12.34"), 5, false)));
        index.retractAll(List.of(new RetractedEvent(event("not-yet", "+639179999999", null), Instant.parse("2024-08-01T00:00:00Z"))));
        new FileIndexCheckpoints(index, directory).capture(checkpoint(7, 3)).write();
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".checkpoint")).findFirst().orElseThrow();
        }
    }

    private static void assertNotUsed(Path directory, String what) {
        InMemoryEventIndex index = new InMemoryEventIndex();
        assertThat(new FileIndexCheckpoints(index, directory).restore(JOURNAL)).as(what).isEmpty();
        assertThat(index.size()).as(what).isZero();
        assertThat(index.subjectCount()).as(what).isZero();
        assertThat(index.retractedCount()).as(what).isZero();
    }

    /** The bytes with their trailer computed again, as a writer of that content would have. */
    private static byte[] withTrailer(byte[] bytes) {
        int length = bytes.length - CheckpointOut.TRAILER_BYTES;
        CRC32C checksum = new CRC32C();
        checksum.update(bytes, 0, length);
        ByteBuffer.wrap(bytes).putLong(length, length).putInt(length + Long.BYTES, (int) checksum.getValue());
        return bytes;
    }

    private static IndexCheckpoint checkpoint(long horizon, long events) {
        return new IndexCheckpoint(JOURNAL, new JournalPosition(horizon), Set.of(), events);
    }

    private static Event event(String id, String phone, String email) {
        return new Event(id, new InstitutionId("lender-1"), EventType.LOAN_DISBURSEMENT, phone == null ? null : new PhoneNumber(phone),
                email == null ? null : new EmailAddress(email), Instant.parse("2024-07-01T00:00:00Z"),
                Instant.parse("2024-07-01T01:00:00Z"), new BigDecimal("25000"), null, null);
    }

    /** Both indexes answer every subject of the events, under each of its keys, alike. */
    private void assertSame(InMemoryEventIndex original, InMemoryEventIndex restored, List<Event> events) {
        assertThat(restored.size()).isEqualTo(original.size());
        assertThat(restored.retractedCount()).isEqualTo(original.retractedCount());
        assertThat(restored.subjectCount()).isEqualTo(original.subjectCount());
        for (String key : SubjectHistories.keys(events)) {
            EventHistory expected = original.eventsOf(SubjectKeys.subjectOf(key));
            EventHistory actual = restored.eventsOf(SubjectKeys.subjectOf(key));
            assertThat(actual.size()).as(key).isEqualTo(expected.size());
            for (Instant asOf : List.of(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"), LATER)) {
                assertThat(calculator.calculate(actual, asOf, ALL)).as("%s at %s", key, asOf)
                        .isEqualTo(calculator.calculate(expected, asOf, ALL));
            }
            if (key.startsWith("md5:")) {
                Md5Hash hash = new Md5Hash(key.substring(4));
                assertThat(restored.phoneOf(hash)).isEqualTo(original.phoneOf(hash));
            }
        }
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}

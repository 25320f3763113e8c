package dev.signals.adapter.eventsource.inmemory;

import dev.signals.application.port.out.IndexCheckpointPort;
import dev.signals.application.port.out.JournalFeedPort.JournalPosition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Checkpoints of an {@link InMemoryEventIndex} in a directory of this node's own (issue 18), one file each:
 *
 * <pre>
 * magic "SIGIDX\0\1" | format version | journal id | horizon | positions indexed above it | events
 * | the index's parts ({@link IndexImage}) | length of all that | CRC32C of all that
 * </pre>
 *
 * A checkpoint is written to a temporary file in the same directory, forced to disk, and renamed over its final name
 * in one step, so that a reader finds the previous checkpoint or this one, whole; older ones are removed after. A
 * restore reads the newest and verifies its length and checksum before reading a value, then its magic, version and
 * journal, and fills the index only when all of it was read: a missing, truncated, corrupt, older or foreign file
 * leaves the index empty, with one warning saying which. The version changes with the layout of the file or of the
 * index's rows ({@link EventRows}, whose event types are numbered by their order).
 */
public final class FileIndexCheckpoints implements IndexCheckpointPort {

    static final long MAGIC = 0x5349_4749_4458_0001L;
    static final int VERSION = 2;
    private static final String PREFIX = "index-";
    private static final String SUFFIX = ".checkpoint";
    private static final Logger LOG = Logger.getLogger(FileIndexCheckpoints.class.getName());

    private final InMemoryEventIndex index;
    private final Path directory;

    public FileIndexCheckpoints(InMemoryEventIndex index, Path directory) {
        this.index = Objects.requireNonNull(index, "index");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public Capture capture(IndexCheckpoint checkpoint) {
        IndexImage image = index.image();
        return () -> write(checkpoint, image);
    }

    private void write(IndexCheckpoint checkpoint, IndexImage image) {
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, PREFIX, ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    CheckpointOut out = new CheckpointOut(channel);
                    out.putLong(MAGIC);
                    out.putInt(VERSION);
                    out.putString(checkpoint.journalId());
                    out.putLong(checkpoint.horizon().value());
                    out.putInt(checkpoint.indexedAbove().size());
                    for (JournalPosition position : checkpoint.indexedAbove()) {
                        out.putLong(position.value());
                    }
                    out.putLong(checkpoint.events());
                    image.writeTo(out);
                    out.finish();
                }
                Path target = directory.resolve(String.format("%s%020d%s", PREFIX, System.currentTimeMillis(), SUFFIX));
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                forceDirectory();
                for (Path older : checkpoints()) {
                    if (!older.equals(target)) {
                        Files.deleteIfExists(older);
                    }
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint of the event index in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<IndexCheckpoint> restore(String journalId) {
        List<Path> found;
        try {
            found = checkpoints();
        } catch (IOException e) {
            LOG.warning(() -> "Cannot list the event index checkpoints in " + directory + " (" + e.getMessage()
                    + "); the index is read from the journal");
            return Optional.empty();
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Path newest = found.get(found.size() - 1);
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.READ)) {
            CheckpointIn in = CheckpointIn.verify(channel);
            if (in.getLong() != MAGIC) {
                throw new CheckpointIn.Corrupt("it is not a checkpoint of an event index");
            }
            int version = in.getInt();
            if (version != VERSION) {
                throw new CheckpointIn.Corrupt("it is of format version " + version + ", this node reads version " + VERSION);
            }
            String journal = in.getString();
            if (!journal.equals(journalId)) {
                throw new CheckpointIn.Corrupt("it is of journal " + journal + ", this node's database holds journal " + journalId);
            }
            JournalPosition horizon = new JournalPosition(in.getLong());
            int above = in.getInt();
            Set<JournalPosition> indexedAbove = new HashSet<>();
            for (int i = 0; i < above; i++) {
                indexedAbove.add(new JournalPosition(in.getLong()));
            }
            long events = in.getLong();
            IndexImage image = IndexImage.readFrom(in);
            if (!in.atEnd() || image.size() > events) {
                throw new CheckpointIn.Corrupt("its parts do not add up");
            }
            index.restore(image);
            return Optional.of(new IndexCheckpoint(journal, horizon, indexedAbove, events));
        } catch (IOException | RuntimeException e) {
            String why = e instanceof CheckpointIn.Corrupt || e instanceof java.io.EOFException ? e.getMessage() : e.toString();
            LOG.warning(() -> "Event index checkpoint " + newest + " not used, " + why + "; the index is read from the journal");
            return Optional.empty();
        }
    }

    /** The checkpoint files in the directory, oldest first (their names sort by the time they were written). */
    private List<Path> checkpoints() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (NoSuchFileException none) {
            return List.of();
        }
        files.sort(null);
        return files;
    }

    /** Makes the rename durable: the directory's entry, not only the file, reaches the disk. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for this; the rename is then as durable as they make it.
        }
    }
}

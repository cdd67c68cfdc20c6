package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The append-only file that makes the in-memory store durable: every change of a document is appended as one record
 * (the whole new document, or the key of a removed one) and written before the write is answered.
 *
 * <h2>Format</h2>
 * The file starts with an 8-byte header, {@code "CJNL"} and the format version (int {@value #VERSION}). Then come
 * records {@code [int length][int crc][byte op][short nsLength][ns][payload]}: {@code length} counts the bytes from
 * {@code op} to the end of the payload (at most {@value #MAX_BODY} bytes), {@code crc} is their CRC32C. Op {@code P}
 * puts a document (payload: BSON {@code {k: key, d: document}}), {@code D} deletes one (payload: BSON
 * {@code {k: key}}), {@code X} drops a collection, {@code R} renames one (payload: the new namespace). All integers
 * are big-endian ({@link JournalFormat}). A file without the header is a journal of the first format (the same
 * records without {@code crc}).
 *
 * <h2>Opening, writing, compacting</h2>
 * Opening replays the file into the last state of every collection and rewrites it as that state alone
 * ({@link JournalReplay}: a torn end is cut off; a file damaged in the middle refuses to open with a
 * {@link CorruptedException} unless {@link OnCorruption#RECOVER}). One thread writes the records, many per write; what
 * an acknowledged write survives is the {@link Durability} policy ({@link JournalWriter}). Once the bytes appended
 * exceed {@code max(compactionMinGrowth, compactionGrowthFactor x the size the last compaction wrote)} (by default
 * {@value #COMPACTION_MIN_GROWTH} bytes and a factor of {@value #COMPACTION_GROWTH_FACTOR}), the file is rewritten as
 * the current state while writes go on ({@link JournalCompaction}).
 */
public final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    /** What an acknowledged write survives. */
    public enum Durability {
        /** Written to the operating system before the answer: survives a killed process, not a power cut. */
        PROCESS,
        /** Also forced to the disk ({@code fdatasync}) once per group commit before the answer: survives a power
         * cut. */
        FSYNC;

        /** {@code process} or {@code fsync}, in any case. */
        public static Durability parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown store durability '" + value + "': use process or fsync");
            }
        }
    }

    /** What opening does with a journal damaged in the middle. */
    public enum OnCorruption {
        /** Refuse to open, with the file, offset and intact record count in the message (default). */
        REFUSE,
        /** Keep the original aside as {@code <journal>.corrupt-<epoch millis>} and open with the records before it. */
        RECOVER;

        /** {@code refuse} or {@code recover}, in any case. */
        public static OnCorruption parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown store corruption policy '" + value
                        + "': use refuse or recover");
            }
        }
    }

    /** How the journal writes, recovers and compacts. */
    public record Options(Durability durability, OnCorruption onCorruption, long compactionMinGrowth,
                          int compactionGrowthFactor) {

        public static final Options DEFAULT = new Options(Durability.PROCESS, OnCorruption.REFUSE,
                COMPACTION_MIN_GROWTH, COMPACTION_GROWTH_FACTOR);

        public Options {
            if (durability == null || onCorruption == null || compactionMinGrowth < 0 || compactionGrowthFactor < 1) {
                throw new IllegalArgumentException("invalid journal options");
            }
        }

        public Options withDurability(Durability value) {
            return new Options(value, onCorruption, compactionMinGrowth, compactionGrowthFactor);
        }

        public Options withOnCorruption(OnCorruption value) {
            return new Options(durability, value, compactionMinGrowth, compactionGrowthFactor);
        }

        public Options withCompaction(long minGrowth, int growthFactor) {
            return new Options(durability, onCorruption, minGrowth, growthFactor);
        }
    }

    /** A journal damaged in the middle: an unreadable record with intact records after it. */
    public static final class CorruptedException extends IOException {

        private final Path file;
        private final long offset;
        private final long intactRecords;
        private final String problem;

        CorruptedException(Path file, long offset, long intactRecords, String problem, long followingIntact) {
            super("The store's journal " + file + " is corrupted at byte offset " + offset + ": " + problem
                    + (followingIntact >= 0 ? ", and an intact record follows at offset " + followingIntact : "")
                    + ". The " + intactRecords + " records before offset " + offset + " are intact. The store does not"
                    + " start, so that nothing after that point is dropped silently. Restore a backup of the file, or"
                    + " start once with CASCADE_STORE_ON_CORRUPTION=recover (Journal.OnCorruption.RECOVER) to keep"
                    + " the records before offset " + offset + " (the original file is kept aside as "
                    + file.getFileName() + ".corrupt-<time>), or delete the file to start empty.");
            this.file = file;
            this.offset = offset;
            this.intactRecords = intactRecords;
            this.problem = problem;
        }

        /** What is wrong with the bad record. */
        public String problem() {
            return problem;
        }

        public Path file() {
            return file;
        }

        /** Where the bad record starts. */
        public long offset() {
            return offset;
        }

        /** How many records before it were read intact. */
        public long intactRecords() {
            return intactRecords;
        }
    }

    /** Bytes appended since the last compaction beyond which the journal is compacted (and see the factor). */
    public static final long COMPACTION_MIN_GROWTH = 64L << 20;
    /** Compact once the bytes appended exceed this many times the size the last compaction left. */
    public static final int COMPACTION_GROWTH_FACTOR = 2;

    static final int MAGIC = 0x434A4E4C; // "CJNL"
    static final int VERSION = 2;
    static final int FILE_HEADER = 8;
    static final int RECORD_HEADER = 8;
    /** The largest record body: a 16 MiB BSON document with its key fits many times. */
    static final int MAX_BODY = 64 << 20;

    private final Path file;
    private final Options options;
    private final Map<String, LinkedHashMap<Object, Document>> recovered;
    private final JournalQueue queue;
    private final JournalWriter writer;

    private Journal(Path file, Options options, FileChannel channel,
                    Map<String, LinkedHashMap<Object, Document>> recovered, JournalIndex index, long size) {
        this.file = file;
        this.options = options;
        this.recovered = recovered;
        this.queue = new JournalQueue(file);
        this.writer = new JournalWriter(file, options, queue, channel, index, size);
    }

    /** Replays {@code file} (if any), compacts it and opens it for appending, with the default options. */
    public static Journal open(Path file) throws IOException {
        return open(file, Options.DEFAULT);
    }

    /**
     * Replays {@code file} (if any), compacts it and opens it for appending.
     *
     * @throws CorruptedException when the file is damaged in the middle and {@code options} say to refuse
     */
    public static Journal open(Path file, Options options) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path compacting = compactingFile(file);
        if (Files.deleteIfExists(compacting)) {
            log.warn("Removed {}, a compaction of the store's journal that a stop interrupted; the journal itself is "
                    + "complete", compacting);
        }
        JournalReplay.Replayed replayed = JournalReplay.forOpening(file, options.onCorruption());
        JournalIndex index = new JournalIndex();
        long size = JournalCompaction.rewrite(file, replayed.state(), index);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Journal(file, options, channel, replayed.state(), index, size);
    }

    /**
     * The state the records of {@code file} describe; a torn end (a crash mid-write) is left out. Reads only.
     *
     * @throws CorruptedException when the file is damaged in the middle
     */
    static Map<String, LinkedHashMap<Object, Document>> replay(Path file) throws IOException {
        return JournalReplay.replay(file, OnCorruption.REFUSE).state();
    }

    /** The BSON bytes of a document (package-private: the tests write journals of the first format with it). */
    static byte[] bson(Document document) {
        return JournalFormat.bson(document);
    }

    static Path compactingFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".compacting");
    }

    /** The documents of each namespace ({@code database.collection}) as the journal left them, in insertion order. */
    Map<String, LinkedHashMap<Object, Document>> recovered() {
        return recovered;
    }

    public Path file() {
        return file;
    }

    public Options options() {
        return options;
    }

    /** How many compactions ran while the journal was open. */
    int compactions() {
        return writer.compactions();
    }

    void put(String namespace, Object key, Document document) {
        // a key that is a document may be changed in place by a later update: the index keeps a copy
        append(JournalFormat.PUT, namespace, key instanceof Document d ? d.cloneDeeply() : key, null,
                JournalFormat.putPayload(key, document));
    }

    void delete(String namespace, Object key) {
        append(JournalFormat.DELETE, namespace, key, null, bson(new Document("k", key)));
    }

    void drop(String namespace) {
        append(JournalFormat.DROP, namespace, null, null, new byte[0]);
    }

    void rename(String from, String to) {
        append(JournalFormat.RENAME, from, null, to, to.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a document is known by in {@code idField}'s collection: its id, or itself without one. */
    static Object keyOf(Document document, String idField) {
        return idField == null ? document : document.get(idField);
    }

    /**
     * Queues a record for the writer thread and notes it as one the current request must wait for
     * ({@link #awaitWrites()}). Called under the collection's lock, so records of one collection are queued, and
     * written, in the order of its changes; the write itself happens outside that lock.
     *
     * @throws UncheckedIOException when the journal failed or is closed: the change must not be made
     */
    private void append(byte op, String namespace, Object key, String target, byte[] payload) {
        IOException failed = writer.failure();
        if (failed != null) {
            throw new UncheckedIOException("cannot write the store's journal " + file, failed);
        }
        queue.add(op, namespace, key, target, JournalFormat.record(op, namespace, payload));
    }

    /**
     * Waits until every record the current thread queued is written to the file (and forced, under
     * {@link Durability#FSYNC}); the store calls it before it answers a command, so what a command changed is in the
     * file when its answer leaves.
     *
     * @throws UncheckedIOException when the file could not be written
     */
    void awaitWrites() {
        queue.awaitWrites();
    }

    /** As {@link #awaitWrites()}, for a command that failed: waits for what it queued, whatever happens. */
    void awaitWritesQuietly() {
        queue.awaitWritesQuietly();
    }

    /**
     * Writes and forces what was queued before, then closes the file. A write queued after close began fails with
     * an {@link UncheckedIOException} in the thread that makes it; should the writer not finish within a minute
     * (a disk that hangs), the records still queued fail the same way and the file is closed under it.
     */
    @Override
    public void close() throws IOException {
        writer.close();
    }
}

package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.CRC32C;

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
 * are big-endian. A file without the header is a journal of the first format (the same records without
 * {@code crc}); it is read as before (whatever follows the first unreadable record is cut off, as nothing can tell a
 * torn record from a damaged one there) and rewritten in the current format by the compaction at open.
 *
 * <h2>Opening: torn records and corruption</h2>
 * Opening replays the file into the last state of every collection and rewrites it as that state alone (compaction).
 * When a record cannot be read (its length is impossible, it runs past the end of the file, or its checksum does not
 * match), what follows it decides:
 * <ul>
 * <li>no intact record after it: the end of the file was torn by a crash during a write (a record half written, or
 * zeros or garbage a power cut left behind). It is cut off with a warning in the log; nothing acknowledged is lost
 * under the durability policy in force, since a record is acknowledged only once it was written whole.</li>
 * <li>an intact record after it: the file was damaged in the middle. The store <em>refuses to start</em> with a
 * {@link CorruptedException} naming the file, the byte offset of the bad record and how many records before it are
 * intact, so that nothing after that point is dropped silently. The operator can restore a backup of the file, or
 * start once with {@link OnCorruption#RECOVER} ({@code CASCADE_STORE_ON_CORRUPTION=recover} in the local stack):
 * the original file is kept aside as {@code <journal>.corrupt-<epoch millis>} and the store starts with the state
 * of the intact records before the bad one (the records after it are not applied: without the bad one they could
 * describe a state that never existed).</li>
 * </ul>
 *
 * <h2>Durability</h2>
 * Records are queued under the collection's lock and written by one thread, many per write (group commit); the
 * command that changed them waits for their write outside the lock ({@link #awaitWrites()}), so a slow write holds up
 * the commands that wait for it, not every command on the same collection. What an acknowledged write survives is
 * the {@link Durability} policy: {@link Durability#PROCESS} (default) answers once the records are handed to the
 * operating system ({@code write}), so the write survives the process being killed ({@code kill -9}, a crash of the
 * JVM) but not a power cut or a crash of the operating system; {@link Durability#FSYNC} also forces them to the disk
 * ({@code fdatasync}, once per group commit) before answering, so it survives a power cut too, at the cost of a
 * disk flush per group commit. {@link #close()} always forces what was written.
 *
 * <h2>Compaction while running</h2>
 * When the bytes appended since the last compaction exceed {@code max(compactionMinGrowth, compactionGrowthFactor x
 * the size of the state that compaction wrote)} (by default {@value #COMPACTION_MIN_GROWTH} bytes and a factor of
 * {@value #COMPACTION_GROWTH_FACTOR}), the file is rewritten as the current state while writes go on:
 * <ol>
 * <li>Between two group commits the writer thread notes the end of the file (the cut) and a snapshot of its index:
 * for every live document, where its last {@code P} record is. The index is the journal's own: the writer updates it
 * from the records it writes, in the order it writes them, so it describes exactly the file up to the cut. No
 * collection, and no collection lock, is touched: the store's threads only ever queue records.</li>
 * <li>A compactor thread copies those records (checksums verified, under their current namespace) into the sibling
 * {@code <journal>.compacting}, then the records appended after the cut, byte for byte, and forces the file.</li>
 * <li>The writer, between two group commits, copies the few records appended since, forces the file, moves it over the
 * journal (an atomic rename), forces the directory and goes on appending to the new file; the index is moved to the
 * new offsets.</li>
 * </ol>
 * Every acknowledged record is in the old file until the rename and in the new file (forced) from the rename on, in
 * the same order. A crash at any step leaves the journal either the old complete file or the new complete one; a
 * {@code .compacting} file is never read, and opening deletes one left behind. Writes wait only for the last copy
 * (what was appended since the compactor's last pass, about a megabyte at most), its flush and the rename. A
 * compaction that fails (a full disk, a record that does not read back as written) is abandoned and logged: the
 * journal goes on growing and the next try waits for as much growth again. The index costs about 80 bytes of memory
 * per document; close() abandons a compaction in progress.
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

    private static final byte PUT = 'P';
    private static final byte DELETE = 'D';
    private static final byte DROP = 'X';
    private static final byte RENAME = 'R';

    /** Appended records that may still be written by the writer after the compactor's last copy. */
    private static final long CATCH_UP_SLACK = 1 << 20;
    private static final long CLOSE_TIMEOUT_MILLIS = 60_000;

    private record Pending(byte op, String namespace, Object key, String target, byte[] record,
                           CompletableFuture<Void> written) {
    }

    private static final Pending STOP = new Pending((byte) 0, null, null, null, new byte[0], new CompletableFuture<>());
    private static final Pending WAKE = new Pending((byte) 0, null, null, null, new byte[0], new CompletableFuture<>());

    /** Where the last {@code P} record of a document is (mutable: moved by a compaction, in the writer thread). */
    private static final class Loc {
        long offset;
        int length;

        Loc(long offset, int length) {
            this.offset = offset;
            this.length = length;
        }
    }

    private final Path file;
    private final Options options;
    private final Map<String, LinkedHashMap<Object, Document>> recovered;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Object enqueueLock = new Object();
    private boolean closed; // guarded by enqueueLock
    private final ThreadLocal<List<CompletableFuture<Void>>> unwritten = ThreadLocal.withInitial(ArrayList::new);
    private final Thread writer;
    private volatile IOException failure;
    private volatile FileChannel channel;
    /** The end of the last complete write, for the compactor. */
    private volatile long written;
    private volatile int compactions;

    // owned by the writer thread
    private long position;
    /** The size of the state the last compaction wrote (without the records appended while it ran). */
    private long compactedSize;
    private final LinkedHashMap<String, LinkedHashMap<Object, Loc>> index;
    private Compaction compaction;

    private Journal(Path file, Options options, FileChannel channel,
                    Map<String, LinkedHashMap<Object, Document>> recovered,
                    LinkedHashMap<String, LinkedHashMap<Object, Loc>> index, long size) {
        this.file = file;
        this.options = options;
        this.channel = channel;
        this.recovered = recovered;
        this.index = index;
        this.position = size;
        this.written = size;
        this.compactedSize = size;
        this.writer = new Thread(this::writeQueued, "store-journal-writer");
        writer.setDaemon(true);
        writer.start();
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
        Replayed replayed = Files.exists(file) ? replay(file, options.onCorruption())
                : new Replayed(new LinkedHashMap<>(), 0, null);
        if (replayed.corruption() != null) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            Files.copy(file, aside, StandardCopyOption.COPY_ATTRIBUTES);
            log.error("The store's journal {} is corrupted at byte offset {} ({}). Recovering as asked "
                            + "(CASCADE_STORE_ON_CORRUPTION=recover): the store starts with the {} intact records "
                            + "before that offset; the original file is kept as {}", file, replayed.corruption().offset(),
                    replayed.corruption().problem(), replayed.corruption().intactRecords(), aside);
        }
        LinkedHashMap<String, LinkedHashMap<Object, Loc>> index = new LinkedHashMap<>();
        long size;
        try (FileChannel out = FileChannel.open(compacting, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, header());
            long offset = FILE_HEADER;
            for (var namespace : replayed.state().entrySet()) {
                for (var document : namespace.getValue().entrySet()) {
                    Document record = new Document("k", document.getKey());
                    record.put("d", document.getValue());
                    byte[] bytes = record(PUT, namespace.getKey(), bson(record));
                    writeFully(out, ByteBuffer.wrap(bytes));
                    index.computeIfAbsent(namespace.getKey(), n -> new LinkedHashMap<>())
                            .put(document.getKey(), new Loc(offset, bytes.length));
                    offset += bytes.length;
                }
            }
            out.force(true);
            size = offset;
        }
        Files.move(compacting, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Journal(file, options, channel, replayed.state(), index, size);
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
        return compactions;
    }

    void put(String namespace, Object key, Document document) {
        Document record = new Document("k", key);
        record.put("d", document);
        // a key that is a document may be changed in place by a later update: the index keeps a copy
        append(PUT, namespace, key instanceof Document d ? d.cloneDeeply() : key, null, bson(record));
    }

    void delete(String namespace, Object key) {
        append(DELETE, namespace, key, null, bson(new Document("k", key)));
    }

    void drop(String namespace) {
        append(DROP, namespace, null, null, new byte[0]);
    }

    void rename(String from, String to) {
        append(RENAME, from, null, to, to.getBytes(StandardCharsets.UTF_8));
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
        IOException failed = failure;
        if (failed != null) {
            throw new UncheckedIOException("cannot write the store's journal " + file, failed);
        }
        Pending pending = new Pending(op, namespace, key, target, record(op, namespace, payload),
                new CompletableFuture<>());
        synchronized (enqueueLock) {
            if (closed) {
                throw new UncheckedIOException("the store's journal " + file + " is closed",
                        new ClosedChannelException());
            }
            queue.add(pending);
        }
        unwritten.get().add(pending.written());
    }

    /**
     * Waits until every record the current thread queued is written to the file (and forced, under
     * {@link Durability#FSYNC}); the store calls it before it answers a command, so what a command changed is in the
     * file when its answer leaves.
     *
     * @throws UncheckedIOException when the file could not be written
     */
    void awaitWrites() {
        List<CompletableFuture<Void>> mine = unwritten.get();
        if (mine.isEmpty()) {
            return;
        }
        try {
            for (CompletableFuture<Void> done : mine) {
                done.join();
            }
        } catch (CompletionException e) {
            throw new UncheckedIOException("cannot write the store's journal " + file,
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } finally {
            mine.clear();
        }
    }

    /** As {@link #awaitWrites()}, for a command that failed: waits for what it queued, whatever happens. */
    void awaitWritesQuietly() {
        List<CompletableFuture<Void>> mine = unwritten.get();
        for (CompletableFuture<Void> done : mine) {
            try {
                done.join();
            } catch (CompletionException ignored) {
                // the command answers with its own error; the journal's failure fails the next writes
            }
        }
        mine.clear();
    }

    // ---------------------------------------------------------------------------------------------- writer thread

    /** Writes what is queued, many records per write (group commit), tells their requests, compacts when due. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        List<Pending> records = new ArrayList<>();
        boolean stop = false;
        try {
            while (!stop) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    continue; // only close() stops the writer, by queuing STOP after the last record
                }
                queue.drainTo(batch, 4096);
                for (Pending pending : batch) {
                    if (pending == STOP) {
                        stop = true;
                    } else if (pending != WAKE) {
                        records.add(pending);
                    }
                }
                writeBatch(records);
                batch.clear();
                records.clear();
                if (!stop) {
                    compactIfDue();
                }
            }
        } catch (RuntimeException | Error e) {
            // not expected; keep the store's threads from waiting for ever
            IOException failed = new IOException("the store's journal writer failed", e);
            failure = failed;
            records.forEach(p -> p.written().completeExceptionally(failed));
            log.error("The store's journal writer failed", e);
        } finally {
            synchronized (enqueueLock) {
                closed = true; // whatever ended the writer, nothing is queued any more that nobody would write
            }
            abandonCompaction();
            failQueued(failure != null ? failure : new IOException("the store's journal " + file + " is closed"));
            FileChannel current = channel;
            try {
                if (current.isOpen()) {
                    current.force(true);
                    current.close();
                }
            } catch (IOException e) {
                log.error("Cannot close the store's journal {}", file, e);
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        IOException failed = failure;
        if (failed != null) {
            batch.forEach(p -> p.written().completeExceptionally(failed));
            return;
        }
        ByteBuffer[] buffers = new ByteBuffer[batch.size()];
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(batch.get(i).record());
            total += buffers[i].remaining();
        }
        try {
            long remaining = total;
            while (remaining > 0) {
                remaining -= channel.write(buffers);
            }
            if (options.durability() == Durability.FSYNC) {
                channel.force(false);
            }
        } catch (IOException e) {
            failure = e;
            log.error("Cannot write the store's journal {}; the store refuses writes from now on", file, e);
            batch.forEach(p -> p.written().completeExceptionally(e));
            return;
        }
        long offset = position;
        for (Pending pending : batch) {
            track(pending, offset);
            offset += pending.record().length;
        }
        position = offset;
        written = offset;
        batch.forEach(p -> p.written().complete(null));
    }

    /** Keeps the index as replaying the file would leave the state (see {@link #apply}). */
    private void track(Pending pending, long offset) {
        switch (pending.op()) {
            case PUT -> {
                Loc loc = new Loc(offset, pending.record().length);
                index.computeIfAbsent(pending.namespace(), n -> new LinkedHashMap<>()).put(pending.key(), loc);
                if (compaction != null) {
                    compaction.appended.add(loc);
                }
            }
            case DELETE -> {
                LinkedHashMap<Object, Loc> documents = index.get(pending.namespace());
                if (documents != null) {
                    documents.remove(pending.key());
                }
            }
            case DROP -> index.remove(pending.namespace());
            case RENAME -> {
                LinkedHashMap<Object, Loc> documents = index.remove(pending.namespace());
                if (documents != null) {
                    index.put(pending.target(), documents);
                }
            }
            default -> throw new IllegalStateException("unknown journal record '" + (char) pending.op() + "'");
        }
    }

    private void failQueued(IOException cause) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending pending : left) {
            pending.written().completeExceptionally(cause);
        }
    }

    // ----------------------------------------------------------------------------------------- compaction

    /** A compaction in progress: what the compactor thread copies, and what it found. */
    private final class Compaction {
        final long cut;
        final List<String> namespaces;
        final List<Loc[]> documents;
        /** P records written after the cut, to be moved with the tail. */
        final List<Loc> appended = new ArrayList<>();
        final FileChannel source;
        final Path target;
        final Thread thread;
        // written by the compactor, read by the writer once state is READY or FAILED
        long[][] movedOffsets;
        int[][] movedLengths;
        FileChannel out;
        long tailStart;
        long copied;
        Throwable error;
        volatile int state; // 0 running, 1 ready, 2 failed
        volatile boolean aborted;

        Compaction(long cut, List<String> namespaces, List<Loc[]> documents, FileChannel source, Path target) {
            this.cut = cut;
            this.namespaces = namespaces;
            this.documents = documents;
            this.source = source;
            this.target = target;
            this.thread = new Thread(this::run, "store-journal-compactor");
            thread.setDaemon(true);
        }

        private void run() {
            try {
                copy();
                state = 1;
            } catch (Throwable e) {
                error = e;
                state = 2;
            }
            queue.add(WAKE); // the writer finishes (or abandons) it between two group commits
        }

        private void copy() throws IOException {
            out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            buffer.put(header());
            long offset = FILE_HEADER;
            movedOffsets = new long[documents.size()][];
            movedLengths = new int[documents.size()][];
            CRC32C crc = new CRC32C();
            ByteBuffer read = ByteBuffer.allocate(64 << 10);
            for (int n = 0; n < documents.size(); n++) {
                byte[] ns = namespaces.get(n).getBytes(StandardCharsets.UTF_8);
                Loc[] locs = documents.get(n);
                movedOffsets[n] = new long[locs.length];
                movedLengths[n] = new int[locs.length];
                for (int i = 0; i < locs.length; i++) {
                    if (aborted) {
                        throw new IOException("compaction abandoned");
                    }
                    if (read.capacity() < locs[i].length) {
                        read = ByteBuffer.allocate(locs[i].length);
                    }
                    read.clear().limit(locs[i].length);
                    readFully(source, read, locs[i].offset);
                    read.flip();
                    int length = read.getInt(0);
                    int nsLength = read.getShort(RECORD_HEADER + 1) & 0xffff;
                    boolean intact = length == locs[i].length - RECORD_HEADER && read.get(RECORD_HEADER) == PUT
                            && 3 + nsLength <= length;
                    if (intact) {
                        crc.reset();
                        crc.update(read.array(), RECORD_HEADER, length);
                        intact = (int) crc.getValue() == read.getInt(4);
                    }
                    if (!intact) {
                        throw new IOException("the record at offset " + locs[i].offset + " of " + file
                                + " does not read back as it was written");
                    }
                    int payloadStart = RECORD_HEADER + 3 + nsLength;
                    int payloadLength = locs[i].length - payloadStart;
                    int body = 3 + ns.length + payloadLength;
                    crc.reset();
                    crc.update(PUT);
                    crc.update(ns.length >> 8);
                    crc.update(ns.length);
                    crc.update(ns);
                    crc.update(read.array(), payloadStart, payloadLength);
                    if (buffer.remaining() < RECORD_HEADER + body) {
                        buffer.flip();
                        writeFully(out, buffer);
                        buffer = buffer.capacity() >= RECORD_HEADER + body ? buffer.clear()
                                : ByteBuffer.allocate(RECORD_HEADER + body);
                    }
                    buffer.putInt(body).putInt((int) crc.getValue()).put(PUT).putShort((short) ns.length).put(ns)
                            .put(read.array(), payloadStart, payloadLength);
                    movedOffsets[n][i] = offset;
                    movedLengths[n][i] = RECORD_HEADER + body;
                    offset += RECORD_HEADER + body;
                }
            }
            buffer.flip();
            writeFully(out, buffer);
            tailStart = offset;
            // the records appended meanwhile, as they are; the writer copies the last ones
            copied = cut;
            long end;
            for (int round = 0; round < 16 && (end = written) - copied > CATCH_UP_SLACK && !aborted; round++) {
                transfer(source, copied, end, out);
                copied = end;
            }
            out.force(true);
        }
    }

    private void compactIfDue() {
        Compaction running = compaction;
        if (running != null) {
            if (failure != null) {
                abandonCompaction();
            } else if (running.state == 1) {
                finishCompaction(running);
            } else if (running.state == 2) {
                log.warn("Compaction of the store's journal {} failed; the journal goes on growing, next try after "
                        + "as much growth again", file, running.error);
                abandonCompaction();
                compactedSize = position;
            }
            return;
        }
        long grown = position - compactedSize;
        if (failure != null || grown <= Math.max(options.compactionMinGrowth(),
                (long) options.compactionGrowthFactor() * compactedSize)) {
            return;
        }
        List<String> namespaces = new ArrayList<>();
        List<Loc[]> documents = new ArrayList<>();
        for (var namespace : index.entrySet()) {
            if (!namespace.getValue().isEmpty()) {
                namespaces.add(namespace.getKey());
                documents.add(namespace.getValue().values().toArray(new Loc[0]));
            }
        }
        try {
            FileChannel source = FileChannel.open(file, StandardOpenOption.READ);
            compaction = new Compaction(position, namespaces, documents, source, compactingFile(file));
            compaction.thread.start();
        } catch (IOException e) {
            log.warn("Cannot start compacting the store's journal {}", file, e);
            compactedSize = position;
        }
    }

    /** In the writer thread, between two group commits: the last copy, the rename, the move of the index. */
    private void finishCompaction(Compaction done) {
        compaction = null;
        long end = position;
        long size = done.tailStart + (end - done.cut);
        try {
            transfer(done.source, done.copied, end, done.out);
            done.out.force(true);
            if (done.out.size() != size) {
                throw new IOException("the compacted file has " + done.out.size() + " bytes, not " + size);
            }
            done.out.close();
            done.source.close();
        } catch (IOException e) {
            log.warn("Compaction of the store's journal {} failed; the journal goes on growing", file, e);
            closeQuietly(done.out);
            closeQuietly(done.source);
            deleteQuietly(done.target);
            compactedSize = position;
            return;
        }
        try {
            channel.close();
            Files.move(done.target, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot move the compacted journal over {}; going on with the old one", file, e);
            deleteQuietly(done.target);
            compactedSize = position;
            reopen(position);
            return;
        }
        syncDirectory(file);
        if (!reopen(size)) {
            return;
        }
        // the index follows the records to the new file
        long shift = done.tailStart - done.cut;
        for (Loc loc : done.appended) {
            loc.offset += shift;
        }
        for (int n = 0; n < done.documents.size(); n++) {
            Loc[] locs = done.documents.get(n);
            for (int i = 0; i < locs.length; i++) {
                locs[i].offset = done.movedOffsets[n][i];
                locs[i].length = done.movedLengths[n][i];
            }
        }
        position = size;
        written = size;
        compactedSize = done.tailStart;
        compactions++;
        log.info("Compacted the store's journal {}: {} bytes before, {} after", file, end, size);
    }

    /** Opens the journal for appending again, or fails the journal. */
    private boolean reopen(long expectedSize) {
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (channel.size() != expectedSize) {
                throw new IOException("the journal has " + channel.size() + " bytes, not " + expectedSize);
            }
            return true;
        } catch (IOException e) {
            failure = e;
            log.error("Cannot reopen the store's journal {}; the store refuses writes from now on", file, e);
            return false;
        }
    }

    private void abandonCompaction() {
        Compaction running = compaction;
        if (running == null) {
            return;
        }
        compaction = null;
        running.aborted = true;
        try {
            running.thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(running.out);
        closeQuietly(running.source);
        deleteQuietly(running.target);
    }

    // ---------------------------------------------------------------------------------------------- records

    private static ByteBuffer header() {
        return ByteBuffer.allocate(FILE_HEADER).putInt(MAGIC).putInt(VERSION).flip();
    }

    private static byte[] record(byte op, String namespace, byte[] payload) {
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        if (ns.length > 0xffff) {
            throw new IllegalArgumentException("namespace too long for the store's journal: " + namespace);
        }
        long body = 1L + 2 + ns.length + payload.length;
        if (body > MAX_BODY) {
            throw new IllegalArgumentException("document too large for the store's journal (" + body + " bytes)");
        }
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER + (int) body);
        record.putInt((int) body).putInt(0).put(op).putShort((short) ns.length).put(ns).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(record.array(), RECORD_HEADER, (int) body);
        record.putInt(4, (int) crc.getValue());
        return record.array();
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static void readFully(FileChannel in, ByteBuffer into, long offset) throws IOException {
        while (into.hasRemaining()) {
            if (in.read(into, offset + into.position()) < 0) {
                throw new IOException("unexpected end of the store's journal at " + (offset + into.position()));
            }
        }
    }

    private static void transfer(FileChannel from, long start, long end, FileChannel to) throws IOException {
        long at = start;
        while (at < end) {
            long moved = from.transferTo(at, end - at, to);
            if (moved <= 0) {
                throw new IOException("cannot copy the store's journal from offset " + at);
            }
            at += moved;
        }
    }

    /** The BSON bytes of a document (package-private: the tests write journals of the first format with it). */
    static byte[] bson(Document document) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    private static Document document(byte[] bytes, int offset) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes, offset, bytes.length - offset));
    }

    static Path compactingFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".compacting");
    }

    /** Makes a rename in the file's directory durable (where the platform allows opening a directory). */
    private static void syncDirectory(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot force the directory {} (not supported here)", directory, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot delete {}", path, e);
        }
    }

    // ---------------------------------------------------------------------------------------------- replay

    /** What replaying a file found: the state, how many records made it, and the corruption recovered from. */
    record Replayed(Map<String, LinkedHashMap<Object, Document>> state, long records, CorruptedException corruption) {
    }

    /**
     * The state the records of {@code file} describe; a torn end (a crash mid-write) is left out. Reads only.
     *
     * @throws CorruptedException when the file is damaged in the middle
     */
    static Map<String, LinkedHashMap<Object, Document>> replay(Path file) throws IOException {
        return replay(file, OnCorruption.REFUSE).state();
    }

    static Replayed replay(Path file, OnCorruption onCorruption) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Reader in = new Reader(channel);
            boolean current = in.size >= 4 && in.intAt(0) == MAGIC;
            if (!current && in.size < 4 && in.size > 0 && isMagicPrefix(in)) {
                log.warn("The store's journal {} ends inside its header (torn by a crash); it is empty", file);
                return new Replayed(new LinkedHashMap<>(), 0, null);
            }
            if (current) {
                if (in.size < FILE_HEADER) {
                    log.warn("The store's journal {} ends inside its header (torn by a crash); it is empty", file);
                    return new Replayed(new LinkedHashMap<>(), 0, null);
                }
                int version = in.intAt(4);
                if (version != VERSION) {
                    throw new IOException("The store's journal " + file + " has format version " + version
                            + ", which this version of the local stack cannot read (it reads version " + VERSION + ")");
                }
                return replayCurrent(file, in, onCorruption);
            }
            return replayFirstFormat(file, in, onCorruption);
        }
    }

    private static boolean isMagicPrefix(Reader in) throws IOException {
        byte[] magic = ByteBuffer.allocate(4).putInt(MAGIC).array();
        for (int i = 0; i < in.size; i++) {
            if (in.byteAt(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static Replayed replayCurrent(Path file, Reader in, OnCorruption onCorruption) throws IOException {
        Map<String, LinkedHashMap<Object, Document>> state = new LinkedHashMap<>();
        long offset = FILE_HEADER;
        long records = 0;
        CRC32C crc = new CRC32C();
        while (offset < in.size) {
            String problem = problemAt(in, offset, crc);
            if (problem == null) {
                int length = in.intAt(offset);
                byte[] body = in.bytes(offset + RECORD_HEADER, length);
                try {
                    apply(state, body);
                } catch (RuntimeException e) {
                    // intact as written, yet unreadable: not a crash, so never cut off silently
                    CorruptedException corrupted = new CorruptedException(file, offset, records,
                            "its checksum matches but it cannot be read (" + e + ")", -1);
                    if (onCorruption == OnCorruption.REFUSE) {
                        throw corrupted;
                    }
                    return new Replayed(state, records, corrupted);
                }
                records++;
                offset += RECORD_HEADER + length;
                continue;
            }
            long next = nextIntactRecord(in, offset, crc);
            if (next < 0) {
                log.warn("The store's journal {} ends with {} bytes torn by a crash at offset {} ({}); cut off after "
                        + "{} intact records", file, in.size - offset, offset, problem, records);
                break;
            }
            CorruptedException corrupted = new CorruptedException(file, offset, records, problem, next);
            if (onCorruption == OnCorruption.REFUSE) {
                throw corrupted;
            }
            return new Replayed(state, records, corrupted);
        }
        return new Replayed(state, records, null);
    }

    /** Why the record at {@code offset} cannot be used, or null when it is intact. */
    private static String problemAt(Reader in, long offset, CRC32C crc) throws IOException {
        if (in.size - offset < RECORD_HEADER) {
            return "the file ends inside its header";
        }
        int length = in.intAt(offset);
        if (length < 3 || length > MAX_BODY) {
            return "its length " + length + " is impossible";
        }
        if (offset + RECORD_HEADER + length > in.size) {
            return "its length " + length + " runs past the end of the file";
        }
        if (in.checksum(offset + RECORD_HEADER, length, crc) != in.intAt(offset + 4)) {
            return "its checksum does not match";
        }
        return null;
    }

    /**
     * Where the first intact record after the bad one at {@code bad} starts, or -1: a record whose length fits, whose
     * op is known, whose namespace fits and whose checksum matches. The next record boundary is at most one record
     * away, so the search stops after the longest possible record.
     */
    private static long nextIntactRecord(Reader in, long bad, CRC32C crc) throws IOException {
        long last = Math.min(in.size - RECORD_HEADER - 3, bad + RECORD_HEADER + MAX_BODY);
        for (long at = bad + 1; at <= last; at++) {
            int length = in.intAt(at);
            if (length < 3 || length > MAX_BODY || at + RECORD_HEADER + length > in.size) {
                continue;
            }
            byte op = in.byteAt(at + RECORD_HEADER);
            if (op != PUT && op != DELETE && op != DROP && op != RENAME) {
                continue;
            }
            int nsLength = ((in.byteAt(at + RECORD_HEADER + 1) & 0xff) << 8)
                    | (in.byteAt(at + RECORD_HEADER + 2) & 0xff);
            if (nsLength == 0 || 3 + nsLength > length) {
                continue;
            }
            if (in.checksum(at + RECORD_HEADER, length, crc) == in.intAt(at + 4)) {
                return at;
            }
        }
        return -1;
    }

    /** The first format: no header, records without checksum; reading stops at the first unreadable record. */
    private static Replayed replayFirstFormat(Path file, Reader in, OnCorruption onCorruption) throws IOException {
        Map<String, LinkedHashMap<Object, Document>> state = new LinkedHashMap<>();
        long offset = 0;
        long records = 0;
        while (in.size - offset >= 4) {
            int length = in.intAt(offset);
            if (length < 3 || offset + 4 + length > in.size) {
                break;
            }
            byte[] body = in.bytes(offset + 4, length);
            try {
                apply(state, body);
            } catch (RuntimeException e) {
                CorruptedException corrupted = new CorruptedException(file, offset, records,
                        "it cannot be read (" + e + ")", -1);
                if (onCorruption == OnCorruption.REFUSE) {
                    throw corrupted;
                }
                return new Replayed(state, records, corrupted);
            }
            records++;
            offset += 4 + length;
        }
        if (offset < in.size) {
            log.warn("The store's journal {} (first format) ends with {} unreadable bytes at offset {}, torn by a "
                    + "crash; cut off after {} records", file, in.size - offset, offset, records);
        }
        log.info("Converting the store's journal {} ({} records) to format version {}", file, records, VERSION);
        return new Replayed(state, records, null);
    }

    private static void apply(Map<String, LinkedHashMap<Object, Document>> state, byte[] record) {
        byte op = record[0];
        int nsLength = ((record[1] & 0xff) << 8) | (record[2] & 0xff);
        if (3 + nsLength > record.length) {
            throw new IllegalStateException("namespace longer than the record");
        }
        String namespace = new String(record, 3, nsLength, StandardCharsets.UTF_8);
        int payload = 3 + nsLength;
        switch (op) {
            case PUT -> {
                Document put = document(record, payload);
                state.computeIfAbsent(namespace, n -> new LinkedHashMap<>()).put(put.get("k"), (Document) put.get("d"));
            }
            case DELETE -> {
                Object key = document(record, payload).get("k");
                LinkedHashMap<Object, Document> documents = state.get(namespace);
                if (documents != null) {
                    documents.remove(key);
                }
            }
            case DROP -> state.remove(namespace);
            case RENAME -> {
                String to = new String(record, payload, record.length - payload, StandardCharsets.UTF_8);
                LinkedHashMap<Object, Document> documents = state.remove(namespace);
                if (documents != null) {
                    state.put(to, documents);
                }
            }
            default -> throw new IllegalStateException("unknown journal record '" + (char) op + "'");
        }
    }

    /** Random access to a journal through a window of the file. */
    private static final class Reader {

        final long size;
        private final FileChannel channel;
        private ByteBuffer window = ByteBuffer.allocate(1 << 20);
        private long start = 0;
        private int filled = 0;

        Reader(FileChannel channel) throws IOException {
            this.channel = channel;
            this.size = channel.size();
        }

        /** Makes {@code [offset, offset + n)} (inside the file) part of the window; returns its index there. */
        private int at(long offset, int n) throws IOException {
            if (offset >= start && offset + n <= start + filled) {
                return (int) (offset - start);
            }
            if (window.capacity() < n) {
                window = ByteBuffer.allocate(n);
            }
            window.clear();
            window.limit((int) Math.min(window.capacity(), size - offset));
            readFully(channel, window, offset);
            start = offset;
            filled = window.position();
            return 0;
        }

        int intAt(long offset) throws IOException {
            return window.getInt(at(offset, 4));
        }

        byte byteAt(long offset) throws IOException {
            return window.get(at(offset, 1));
        }

        byte[] bytes(long offset, int n) throws IOException {
            int i = at(offset, n);
            byte[] bytes = new byte[n];
            System.arraycopy(window.array(), i, bytes, 0, n);
            return bytes;
        }

        int checksum(long offset, int n, CRC32C crc) throws IOException {
            int i = at(offset, n);
            crc.reset();
            crc.update(window.array(), i, n);
            return (int) crc.getValue();
        }
    }

    // ---------------------------------------------------------------------------------------------- close

    /**
     * Writes and forces what was queued before, then closes the file. A write queued after close began fails with
     * an {@link UncheckedIOException} in the thread that makes it; should the writer not finish within a minute
     * (a disk that hangs), the records still queued fail the same way and the file is closed under it.
     */
    @Override
    public void close() throws IOException {
        synchronized (enqueueLock) {
            if (!closed) {
                closed = true;
                queue.add(STOP);
            }
        }
        try {
            writer.join(CLOSE_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            IOException late = new IOException("the store's journal " + file + " was closed before this was written");
            failure = late;
            failQueued(late);
            channel.close();
            throw new IOException("the store's journal writer did not finish within " + CLOSE_TIMEOUT_MILLIS + " ms");
        }
    }
}

package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import dev.cascade.local.store.JournalIndex.Loc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

import static dev.cascade.local.store.Journal.FILE_HEADER;
import static dev.cascade.local.store.Journal.RECORD_HEADER;
import static dev.cascade.local.store.JournalFiles.closeQuietly;
import static dev.cascade.local.store.JournalFiles.deleteQuietly;
import static dev.cascade.local.store.JournalFiles.readFully;
import static dev.cascade.local.store.JournalFiles.transfer;
import static dev.cascade.local.store.JournalFiles.writeFully;
import static dev.cascade.local.store.JournalFormat.PUT;

/**
 * A rewrite of the journal as the current state alone, while writes go on:
 * <ol>
 * <li>Between two group commits the writer thread notes the end of the file (the cut) and a snapshot of its
 * {@link JournalIndex}. No collection, and no collection lock, is touched: the store's threads only ever queue
 * records.</li>
 * <li>A compactor thread copies those records (checksums verified, under their current namespace) into the sibling
 * {@code <journal>.compacting}, then the records appended after the cut, byte for byte, and forces the file.</li>
 * <li>The writer, between two group commits, copies the few records appended since ({@link #finish}), forces the file,
 * moves it over the journal (an atomic rename), forces the directory and goes on appending to the new file; the index
 * is moved to the new offsets ({@link #moveIndex}).</li>
 * </ol>
 * Every acknowledged record is in the old file until the rename and in the new file (forced) from the rename on, in
 * the same order. A crash at any step leaves the journal either the old complete file or the new complete one; a
 * {@code .compacting} file is never read, and opening deletes one left behind. Writes wait only for the last copy
 * (what was appended since the compactor's last pass, about a megabyte at most), its flush and the rename.
 */
final class JournalCompaction {

    /** Appended records that may still be written by the writer after the compactor's last copy. */
    private static final long CATCH_UP_SLACK = 1 << 20;

    final long cut;
    private final JournalIndex.Snapshot snapshot;
    /** P records written after the cut, to be moved with the tail. */
    final List<Loc> appended = new ArrayList<>();
    private final Path file;
    final Path target;
    private final FileChannel source;
    private final LongSupplier written;
    private final Runnable wake;
    private final Thread thread;
    // written by the compactor, read by the writer once state is READY or FAILED
    private long[][] movedOffsets;
    private int[][] movedLengths;
    private FileChannel out;
    private long tailStart;
    private long copied;
    private Throwable error;
    private volatile int state; // 0 running, 1 ready, 2 failed
    private volatile boolean aborted;

    private JournalCompaction(Path file, long cut, JournalIndex.Snapshot snapshot, LongSupplier written,
                              Runnable wake) throws IOException {
        this.file = file;
        this.cut = cut;
        this.snapshot = snapshot;
        this.written = written;
        this.wake = wake;
        this.target = Journal.compactingFile(file);
        this.source = FileChannel.open(file, StandardOpenOption.READ);
        this.thread = new Thread(this::run, "store-journal-compactor");
        thread.setDaemon(true);
    }

    /**
     * Starts copying the records of {@code snapshot}, taken at {@code cut}; {@code written} tells the end of the
     * last complete write, {@code wake} is called once the copy is ready or failed.
     */
    static JournalCompaction start(Path file, long cut, JournalIndex.Snapshot snapshot, LongSupplier written,
                                   Runnable wake) throws IOException {
        JournalCompaction compaction = new JournalCompaction(file, cut, snapshot, written, wake);
        compaction.thread.start();
        return compaction;
    }

    /** The compaction at open: writes {@code state} as {@code file}, notes it in {@code index}; returns the size. */
    static long rewrite(Path file, Map<String, LinkedHashMap<Object, Document>> state, JournalIndex index)
            throws IOException {
        Path compacting = Journal.compactingFile(file);
        long size;
        try (FileChannel out = FileChannel.open(compacting, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, JournalFormat.header());
            long offset = FILE_HEADER;
            for (var namespace : state.entrySet()) {
                for (var document : namespace.getValue().entrySet()) {
                    byte[] bytes = JournalFormat.record(PUT, namespace.getKey(),
                            JournalFormat.putPayload(document.getKey(), document.getValue()));
                    writeFully(out, ByteBuffer.wrap(bytes));
                    index.put(namespace.getKey(), document.getKey(), offset, bytes.length);
                    offset += bytes.length;
                }
            }
            out.force(true);
            size = offset;
        }
        Files.move(compacting, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        JournalFiles.syncDirectory(file);
        return size;
    }

    boolean ready() {
        return state == 1;
    }

    boolean failed() {
        return state == 2;
    }

    Throwable error() {
        return error;
    }

    /** Where the records appended after the cut start in the new file. */
    long tailStart() {
        return tailStart;
    }

    private void run() {
        try {
            copy();
            state = 1;
        } catch (Throwable e) {
            error = e;
            state = 2;
        }
        wake.run(); // the writer finishes (or abandons) it between two group commits
    }

    private void copy() throws IOException {
        out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        buffer.put(JournalFormat.header());
        long offset = FILE_HEADER;
        List<Loc[]> documents = snapshot.documents();
        movedOffsets = new long[documents.size()][];
        movedLengths = new int[documents.size()][];
        CRC32C crc = new CRC32C();
        ByteBuffer read = ByteBuffer.allocate(64 << 10);
        for (int n = 0; n < documents.size(); n++) {
            byte[] ns = snapshot.namespaces().get(n).getBytes(StandardCharsets.UTF_8);
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
        for (int round = 0; round < 16 && (end = written.getAsLong()) - copied > CATCH_UP_SLACK && !aborted; round++) {
            transfer(source, copied, end, out);
            copied = end;
        }
        out.force(true);
    }

    /**
     * In the writer thread, once {@link #ready()}: copies what was appended up to {@code end}, forces and closes the
     * new file; returns its size. On failure the caller {@link #discard()}s it.
     */
    long finish(long end) throws IOException {
        long size = tailStart + (end - cut);
        transfer(source, copied, end, out);
        out.force(true);
        if (out.size() != size) {
            throw new IOException("the compacted file has " + out.size() + " bytes, not " + size);
        }
        out.close();
        source.close();
        return size;
    }

    /** Once the new file is the journal: the index follows the records to their new offsets. */
    void moveIndex() {
        long shift = tailStart - cut;
        for (Loc loc : appended) {
            loc.offset += shift;
        }
        List<Loc[]> documents = snapshot.documents();
        for (int n = 0; n < documents.size(); n++) {
            Loc[] locs = documents.get(n);
            for (int i = 0; i < locs.length; i++) {
                locs[i].offset = movedOffsets[n][i];
                locs[i].length = movedLengths[n][i];
            }
        }
    }

    /** Stops the compactor thread and discards the new file. */
    void abandon() {
        aborted = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        discard();
    }

    /** Closes both files and deletes the new one. */
    void discard() {
        closeQuietly(out);
        closeQuietly(source);
        deleteQuietly(target);
    }
}

package dev.cascade.local.store;

import dev.cascade.local.store.Journal.Durability;
import dev.cascade.local.store.Journal.Options;
import dev.cascade.local.store.JournalQueue.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The one thread that writes the journal. Records are queued under the collection's lock and written many per write
 * (group commit); the command that changed them waits for their write outside the lock ({@link Journal#awaitWrites()}),
 * so a slow write holds up the commands that wait for it, not every command on the same collection. What an
 * acknowledged write survives is the {@link Durability} policy: {@link Durability#PROCESS} (default) answers once the
 * records are handed to the operating system ({@code write}), so the write survives the process being killed
 * ({@code kill -9}, a crash of the JVM) but not a power cut or a crash of the operating system;
 * {@link Durability#FSYNC} also forces them to the disk ({@code fdatasync}, once per group commit) before answering,
 * so it survives a power cut too, at the cost of a disk flush per group commit. Closing always forces what was
 * written.
 * <p>
 * Between two group commits it also runs the {@link JournalCompaction}s: one starts when the bytes appended since the
 * last compaction exceed {@code max(compactionMinGrowth, compactionGrowthFactor x the size of the state that
 * compaction wrote)}. A compaction that fails (a full disk, a record that does not read back as written) is abandoned
 * and logged: the journal goes on growing and the next try waits for as much growth again. Closing abandons a
 * compaction in progress.
 */
final class JournalWriter {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final long CLOSE_TIMEOUT_MILLIS = 60_000;

    private final Path file;
    private final Options options;
    private final JournalQueue queue;
    private final Thread thread;
    private volatile IOException failure;
    private volatile FileChannel channel;
    /** The end of the last complete write, for the compactor. */
    private volatile long written;
    private volatile int compactions;

    // owned by the writer thread
    private long position;
    /** The size of the state the last compaction wrote (without the records appended while it ran). */
    private long compactedSize;
    private final JournalIndex index;
    private JournalCompaction compaction;

    /**
     * Starts writing what {@code queue} holds to {@code channel}, {@code size} bytes long, whose records
     * {@code index} describes.
     */
    JournalWriter(Path file, Options options, JournalQueue queue, FileChannel channel, JournalIndex index, long size) {
        this.file = file;
        this.options = options;
        this.queue = queue;
        this.channel = channel;
        this.index = index;
        this.position = size;
        this.written = size;
        this.compactedSize = size;
        this.thread = new Thread(this::writeQueued, "store-journal-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Why the journal cannot be written any more, or null. */
    IOException failure() {
        return failure;
    }

    int compactions() {
        return compactions;
    }

    /** Writes what is queued, many records per write (group commit), tells their requests, compacts when due. */
    private void writeQueued() {
        List<Pending> records = new ArrayList<>();
        boolean stop = false;
        try {
            while (!stop) {
                stop = !queue.take(records);
                writeBatch(records);
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
            queue.close(); // whatever ended the writer, nothing is queued any more that nobody would write
            abandonCompaction();
            queue.failAll(failure != null ? failure : new IOException("the store's journal " + file + " is closed"));
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
            if (pending.op() == JournalFormat.PUT) {
                JournalIndex.Loc loc = index.put(pending.namespace(), pending.key(), offset, pending.record().length);
                if (compaction != null) {
                    compaction.appended.add(loc);
                }
            } else {
                index.track(pending.op(), pending.namespace(), pending.key(), pending.target());
            }
            offset += pending.record().length;
        }
        position = offset;
        written = offset;
        batch.forEach(p -> p.written().complete(null));
    }

    private void compactIfDue() {
        JournalCompaction running = compaction;
        if (running != null) {
            if (failure != null) {
                abandonCompaction();
            } else if (running.ready()) {
                finishCompaction(running);
            } else if (running.failed()) {
                log.warn("Compaction of the store's journal {} failed; the journal goes on growing, next try after "
                        + "as much growth again", file, running.error());
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
        try {
            compaction = JournalCompaction.start(file, position, index.snapshot(), () -> written,
                    queue::wake);
        } catch (IOException e) {
            log.warn("Cannot start compacting the store's journal {}", file, e);
            compactedSize = position;
        }
    }

    /** Between two group commits: the last copy, the rename, the move of the index. */
    private void finishCompaction(JournalCompaction done) {
        compaction = null;
        long end = position;
        long size;
        try {
            size = done.finish(end);
        } catch (IOException e) {
            log.warn("Compaction of the store's journal {} failed; the journal goes on growing", file, e);
            done.discard();
            compactedSize = position;
            return;
        }
        try {
            channel.close();
            Files.move(done.target, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot move the compacted journal over {}; going on with the old one", file, e);
            JournalFiles.deleteQuietly(done.target);
            compactedSize = position;
            reopen(position);
            return;
        }
        JournalFiles.syncDirectory(file);
        if (!reopen(size)) {
            return;
        }
        done.moveIndex();
        position = size;
        written = size;
        compactedSize = done.tailStart();
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
        JournalCompaction running = compaction;
        if (running != null) {
            compaction = null;
            running.abandon();
        }
    }

    /**
     * Has the writer write and force what was queued before, then close the file; should it not finish within a
     * minute (a disk that hangs), the records still queued fail and the file is closed under it.
     */
    void close() throws IOException {
        queue.stop();
        try {
            thread.join(CLOSE_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            IOException late = new IOException("the store's journal " + file + " was closed before this was written");
            failure = late;
            queue.failAll(late);
            channel.close();
            throw new IOException("the store's journal writer did not finish within " + CLOSE_TIMEOUT_MILLIS + " ms");
        }
    }
}

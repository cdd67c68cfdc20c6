package dev.cascade.local.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The records waiting for the {@link JournalWriter}, in the order they were queued, with the signals it waits for;
 * and, per thread, the records a command queued and must wait for before it answers.
 */
final class JournalQueue {

    /** A queued record; {@code written} completes once it is in the file. */
    record Pending(byte op, String namespace, Object key, String target, byte[] record,
                   CompletableFuture<Void> written) {
    }

    private static final Pending STOP = new Pending((byte) 0, null, null, null, new byte[0], new CompletableFuture<>());
    private static final Pending WAKE = new Pending((byte) 0, null, null, null, new byte[0], new CompletableFuture<>());

    private final Path file;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private boolean closed; // guarded by lock
    /** What the current thread queued and has not waited for yet. */
    private final ThreadLocal<List<CompletableFuture<Void>>> unwritten = ThreadLocal.withInitial(ArrayList::new);

    JournalQueue(Path file) {
        this.file = file;
    }

    /**
     * Queues a record and notes it as one the current thread waits for ({@link #awaitWrites()}).
     *
     * @throws UncheckedIOException when the queue is closed
     */
    void add(byte op, String namespace, Object key, String target, byte[] record) {
        Pending pending = new Pending(op, namespace, key, target, record, new CompletableFuture<>());
        synchronized (lock) {
            if (closed) {
                throw new UncheckedIOException("the store's journal " + file + " is closed",
                        new ClosedChannelException());
            }
            queue.add(pending);
        }
        unwritten.get().add(pending.written());
    }

    /**
     * Waits until every record the current thread queued is written (see {@link Journal#awaitWrites()}).
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

    /** Takes no more records; the writer stops once it has taken those queued before. */
    void stop() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                queue.add(STOP);
            }
        }
    }

    /** Takes no more records (the writer has ended). */
    void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    /** Has the writer look again at what it waits for besides records (a compaction that is ready). */
    void wake() {
        queue.add(WAKE);
    }

    /**
     * Waits for the next records and adds them (up to 4097) to {@code records}; returns false once the writer is to
     * stop after writing them. Only {@link #stop()} stops the writer: an interrupt does not.
     */
    boolean take(List<Pending> records) {
        List<Pending> batch = new ArrayList<>();
        while (batch.isEmpty()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // only stop() stops the writer, by queuing STOP after the last record
            }
        }
        queue.drainTo(batch, 4096);
        boolean stop = false;
        for (Pending pending : batch) {
            if (pending == STOP) {
                stop = true;
            } else if (pending != WAKE) {
                records.add(pending);
            }
        }
        return !stop;
    }

    /** Fails every record still queued. */
    void failAll(IOException cause) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending pending : left) {
            pending.written().completeExceptionally(cause);
        }
    }
}

package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The append-only file that makes the in-memory store durable: every change of a document is appended as one record
 * (the whole new document, or the key of a removed one) and written before the write is answered, so a process that
 * is killed loses nothing it has acknowledged (the operating system keeps what was written; a power cut can still lose the
 * last writes, as it can with the store's previous H2 file).
 * <p>
 * A record is {@code [int length][byte op][short nsLength][ns][payload]}: op {@code P} puts a document (payload:
 * BSON {@code {k: key, d: document}}), {@code D} deletes one (payload: BSON {@code {k: key}}), {@code X} drops a collection, {@code R} renames
 * one (payload: the new namespace). Opening the journal replays it into the last state of every collection, cuts
 * off a record torn by a crash, and rewrites the file as that state alone (compaction).
 * <p>
 * Records are queued under the collection's lock and written by one thread, many per write (group commit); the
 * command that changed them waits for their write outside the lock ({@link #awaitWrites()}), so a slow write holds up
 * the commands that wait for it, not every command on the same collection.
 */
public final class Journal implements AutoCloseable {

    private static final byte PUT = 'P';
    private static final byte DELETE = 'D';
    private static final byte DROP = 'X';
    private static final byte RENAME = 'R';

    private record Pending(byte[] record, CompletableFuture<Void> written) {
    }

    private static final Pending STOP = new Pending(new byte[0], new CompletableFuture<>());

    private final Path file;
    private final FileChannel channel;
    private final Map<String, LinkedHashMap<Object, Document>> recovered;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ThreadLocal<List<CompletableFuture<Void>>> unwritten = ThreadLocal.withInitial(ArrayList::new);
    private final Thread writer;
    private volatile IOException failure;

    private Journal(Path file, FileChannel channel, Map<String, LinkedHashMap<Object, Document>> recovered) {
        this.file = file;
        this.channel = channel;
        this.recovered = recovered;
        this.writer = new Thread(this::writeQueued, "store-journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Replays {@code file} (if any), compacts it and opens it for appending. */
    public static Journal open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Map<String, LinkedHashMap<Object, Document>> state = Files.exists(file) ? replay(file) : new LinkedHashMap<>();
        Path compacted = file.resolveSibling(file.getFileName() + ".compacting");
        try (FileChannel out = FileChannel.open(compacted, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (var namespace : state.entrySet()) {
                for (var document : namespace.getValue().entrySet()) {
                    Document record = new Document("k", document.getKey());
                    record.put("d", document.getValue());
                    write(out, PUT, namespace.getKey(), bson(record));
                }
            }
            out.force(true);
        }
        Files.move(compacted, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Journal(file, channel, state);
    }

    /** The documents of each namespace ({@code database.collection}) as the journal left them, in insertion order. */
    Map<String, LinkedHashMap<Object, Document>> recovered() {
        return recovered;
    }

    public Path file() {
        return file;
    }

    void put(String namespace, Object key, Document document) {
        Document record = new Document("k", key);
        record.put("d", document);
        append(PUT, namespace, bson(record));
    }

    void delete(String namespace, Object key) {
        append(DELETE, namespace, bson(new Document("k", key)));
    }

    void drop(String namespace) {
        append(DROP, namespace, new byte[0]);
    }

    void rename(String from, String to) {
        append(RENAME, from, to.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a document is known by in {@code idField}'s collection: its id, or itself without one. */
    static Object keyOf(Document document, String idField) {
        return idField == null ? document : document.get(idField);
    }

    /**
     * Queues a record for the writer thread and notes it as one the current request must wait for
     * ({@link #awaitWrites()}). Called under the collection's lock, so records of one collection are queued, and
     * written, in the order of its changes; the write itself happens outside that lock.
     */
    private void append(byte op, String namespace, byte[] payload) {
        if (failure != null) {
            throw new UncheckedIOException("cannot write the store's journal " + file, failure);
        }
        Pending pending = new Pending(record(op, namespace, payload), new CompletableFuture<>());
        queue.add(pending);
        unwritten.get().add(pending.written());
    }

    /**
     * Waits until every record the current thread queued is written to the file; the store calls it before it
     * answers a command, so what a command changed is in the file when its answer leaves.
     *
     * @throws UncheckedIOException when the file could not be written
     */
    void awaitWrites() {
        List<CompletableFuture<Void>> mine = unwritten.get();
        if (mine.isEmpty()) {
            return;
        }
        try {
            for (CompletableFuture<Void> written : mine) {
                written.join();
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
        for (CompletableFuture<Void> written : mine) {
            try {
                written.join();
            } catch (CompletionException ignored) {
                // the command answers with its own error; the journal's failure fails the next writes
            }
        }
        mine.clear();
    }

    /** Writes what is queued, many records per write (group commit), and tells their requests. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            queue.drainTo(batch, 4096);
            if (batch.get(batch.size() - 1) == STOP) {
                batch.remove(batch.size() - 1);
                writeBatch(batch);
                return;
            }
            writeBatch(batch);
            batch.clear();
        }
    }

    private void writeBatch(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        ByteBuffer[] buffers = new ByteBuffer[batch.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(batch.get(i).record());
        }
        try {
            long remaining = 0;
            for (ByteBuffer buffer : buffers) {
                remaining += buffer.remaining();
            }
            while (remaining > 0) {
                remaining -= channel.write(buffers);
            }
            batch.forEach(p -> p.written().complete(null));
        } catch (IOException e) {
            failure = e;
            batch.forEach(p -> p.written().completeExceptionally(e));
        }
    }

    private static byte[] record(byte op, String namespace, byte[] payload) {
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(4 + 1 + 2 + ns.length + payload.length);
        record.putInt(1 + 2 + ns.length + payload.length).put(op).putShort((short) ns.length).put(ns).put(payload);
        return record.array();
    }

    private static void write(FileChannel out, byte op, String namespace, byte[] payload) throws IOException {
        ByteBuffer record = ByteBuffer.wrap(record(op, namespace, payload));
        while (record.hasRemaining()) {
            out.write(record);
        }
    }

    private static byte[] bson(Document document) {
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

    /** The state the records of {@code file} describe; a torn last record (a crash mid-write) is cut off. */
    static Map<String, LinkedHashMap<Object, Document>> replay(Path file) throws IOException {
        Map<String, LinkedHashMap<Object, Document>> state = new LinkedHashMap<>();
        long good = 0;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                byte[] record = new byte[Math.max(0, length)];
                try {
                    in.readFully(record);
                } catch (EOFException torn) {
                    break;
                }
                if (length < 3) {
                    break;
                }
                apply(state, record);
                good += 4 + length;
            }
        }
        if (good < Files.size(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(good);
            }
        }
        return state;
    }

    private static void apply(Map<String, LinkedHashMap<Object, Document>> state, byte[] record) {
        byte op = record[0];
        int nsLength = ((record[1] & 0xff) << 8) | (record[2] & 0xff);
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

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            queue.add(STOP);
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            channel.force(true);
            channel.close();
        }
    }
}

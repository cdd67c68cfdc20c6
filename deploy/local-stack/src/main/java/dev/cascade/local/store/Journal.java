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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The append-only file that makes the in-memory store durable: every change of a document is appended as one record
 * (the whole new document, or the key of a removed one) before the write is answered, so a process that is killed
 * loses nothing it has acknowledged (the operating system keeps what was written; a power cut can still lose the
 * last writes, as it can with the store's previous H2 file).
 * <p>
 * A record is {@code [int length][byte op][short nsLength][ns][payload]}: op {@code P} puts a document (payload:
 * BSON {@code {k: key, d: document}}), {@code D} deletes one (payload: BSON {@code {k: key}}), {@code X} drops a collection, {@code R} renames
 * one (payload: the new namespace). Opening the journal replays it into the last state of every collection, cuts
 * off a record torn by a crash, and rewrites the file as that state alone (compaction).
 */
public final class Journal implements AutoCloseable {

    private static final byte PUT = 'P';
    private static final byte DELETE = 'D';
    private static final byte DROP = 'X';
    private static final byte RENAME = 'R';

    private final Path file;
    private final FileChannel channel;
    private final Map<String, LinkedHashMap<Object, Document>> recovered;

    private Journal(Path file, FileChannel channel, Map<String, LinkedHashMap<Object, Document>> recovered) {
        this.file = file;
        this.channel = channel;
        this.recovered = recovered;
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

    private synchronized void append(byte op, String namespace, byte[] payload) {
        try {
            write(channel, op, namespace, payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the store's journal " + file, e);
        }
    }

    private static void write(FileChannel out, byte op, String namespace, byte[] payload) throws IOException {
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(4 + 1 + 2 + ns.length + payload.length);
        record.putInt(1 + 2 + ns.length + payload.length).put(op).putShort((short) ns.length).put(ns).put(payload);
        record.flip();
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
            channel.force(true);
            channel.close();
        }
    }
}

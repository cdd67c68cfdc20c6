package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import static dev.cascade.local.store.Journal.FILE_HEADER;
import static dev.cascade.local.store.Journal.MAGIC;
import static dev.cascade.local.store.Journal.MAX_BODY;
import static dev.cascade.local.store.Journal.RECORD_HEADER;
import static dev.cascade.local.store.Journal.VERSION;

/** The bytes of the journal: its header, and the encoding and meaning of its records (see {@link Journal}). */
final class JournalFormat {

    static final byte PUT = 'P';
    static final byte DELETE = 'D';
    static final byte DROP = 'X';
    static final byte RENAME = 'R';

    private JournalFormat() {
    }

    static ByteBuffer header() {
        return ByteBuffer.allocate(FILE_HEADER).putInt(MAGIC).putInt(VERSION).flip();
    }

    static boolean knownOp(byte op) {
        return op == PUT || op == DELETE || op == DROP || op == RENAME;
    }

    /** A whole record in the current format: header with length and checksum, op, namespace, payload. */
    static byte[] record(byte op, String namespace, byte[] payload) {
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

    /** The payload of a put: BSON {@code {k: key, d: document}}. */
    static byte[] putPayload(Object key, Document document) {
        BsonBytes payload = new BsonBytes(256);
        int start = payload.begin();
        payload.element("k", key);
        payload.element("d", document);
        payload.finish(start);
        return payload.toByteArray();
    }

    /** The BSON bytes of a document. */
    static byte[] bson(Document document) {
        return BsonBytes.of(document);
    }

    private static Document document(byte[] bytes, int offset) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes, offset, bytes.length - offset));
    }

    /**
     * Applies a record body ({@code [op][nsLength][ns][payload]}, without the header) to {@code state}.
     *
     * @throws RuntimeException when the body cannot be read
     */
    static void apply(Map<String, LinkedHashMap<Object, Document>> state, byte[] record) {
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
}

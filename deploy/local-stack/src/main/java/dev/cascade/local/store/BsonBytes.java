package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A document's BSON written straight into a byte array: the same bytes as the store library's
 * {@link BsonEncoder#encodeDocument} (its {@link BsonEncoder#determineType type for each value}, arrays as documents
 * keyed "0", "1", ...), without its buffer. Through a Netty buffer every byte written was a virtual call the JIT could
 * not inline (the encoder also writes the wire's replies, into buffers of another class), and the journal's encoding
 * of each updated document was a third of the store's CPU in a burst's profile. Strings, documents, arrays, numbers,
 * booleans, dates, nulls and object ids are written here; every other type (binary data, UUIDs, decimals, timestamps,
 * regular expressions, ...) is left to the library's encoder, one value at a time.
 */
final class BsonBytes {

    private byte[] bytes;
    private int size;

    BsonBytes(int capacity) {
        bytes = new byte[Math.max(capacity, 64)];
    }

    /** The BSON of {@code document}. */
    static byte[] of(Map<String, ?> document) {
        BsonBytes out = new BsonBytes(256);
        out.document(document);
        return out.toByteArray();
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    int size() {
        return size;
    }

    /** Appends a whole document: its length, its elements, its terminating byte. */
    void document(Map<String, ?> document) {
        int start = size;
        int32(0);
        for (Map.Entry<String, ?> entry : document.entrySet()) {
            element(entry.getKey(), entry.getValue());
        }
        finish(start);
    }

    /** Appends one element of a document being written: type, name, value. */
    void element(String name, Object value) {
        byte type = type(value);
        byte1(type);
        cString(name);
        value(type, value);
    }

    /** The library's type of a value ({@link BsonEncoder#determineType}), the common ones asked first. */
    private static byte type(Object value) {
        if (value instanceof String) {
            return BsonConstants.TYPE_UTF8_STRING;
        } else if (value instanceof Document) {
            return BsonConstants.TYPE_EMBEDDED_DOCUMENT;
        } else if (value instanceof Long) {
            return BsonConstants.TYPE_INT64;
        } else if (value instanceof Integer) {
            return BsonConstants.TYPE_INT32;
        } else if (value instanceof Double) {
            return BsonConstants.TYPE_DOUBLE;
        } else if (value instanceof Boolean) {
            return BsonConstants.TYPE_BOOLEAN;
        } else if (value instanceof ArrayList<?>) {
            return BsonConstants.TYPE_ARRAY;
        }
        return BsonEncoder.determineType(value);
    }

    /** Begins a document whose elements the caller appends with {@link #element}; {@link #finish} ends it. */
    int begin() {
        int start = size;
        int32(0);
        return start;
    }

    /** Ends the document {@link #begin} started at {@code start}: its terminating byte and its length. */
    void finish(int start) {
        byte1(BsonConstants.TERMINATING_BYTE);
        int length = size - start;
        bytes[start] = (byte) length;
        bytes[start + 1] = (byte) (length >>> 8);
        bytes[start + 2] = (byte) (length >>> 16);
        bytes[start + 3] = (byte) (length >>> 24);
    }

    private void value(byte type, Object value) {
        switch (type) {
            case BsonConstants.TYPE_UTF8_STRING -> string(value.toString());
            case BsonConstants.TYPE_EMBEDDED_DOCUMENT -> {
                @SuppressWarnings("unchecked")
                Map<String, ?> map = (Map<String, ?>) value;
                document(map);
            }
            case BsonConstants.TYPE_INT32 -> int32((Integer) value);
            case BsonConstants.TYPE_INT64 -> int64((Long) value);
            case BsonConstants.TYPE_DOUBLE -> int64(Double.doubleToRawLongBits((Double) value));
            case BsonConstants.TYPE_BOOLEAN -> byte1((Boolean) value ? BsonConstants.BOOLEAN_VALUE_TRUE
                    : BsonConstants.BOOLEAN_VALUE_FALSE);
            case BsonConstants.TYPE_UTC_DATETIME -> int64(((Instant) value).toEpochMilli());
            case BsonConstants.TYPE_NULL -> {
            }
            case BsonConstants.TYPE_ARRAY -> array((Collection<?>) value);
            case BsonConstants.TYPE_OBJECT_ID -> {
                byte[] id = ((ObjectId) value).toByteArray();
                if (id.length != BsonConstants.LENGTH_OBJECTID) {
                    throw new IllegalArgumentException("Illegal ObjectId: " + value);
                }
                raw(id);
            }
            default -> library(type, value);
        }
    }

    private void array(Collection<?> values) {
        int start = size;
        int32(0);
        int index = 0;
        if (values instanceof List<?> list) {
            for (int i = 0, n = list.size(); i < n; i++) {
                element(Integer.toString(index++), list.get(i));
            }
        } else {
            for (Object value : values) {
                element(Integer.toString(index++), value);
            }
        }
        finish(start);
    }

    private void library(byte type, Object value) {
        ByteBuf buffer = Unpooled.buffer(32);
        try {
            BsonEncoder.encodeValue(type, value, buffer);
            ensure(buffer.readableBytes());
            buffer.readBytes(bytes, size, buffer.readableBytes());
            size += buffer.writerIndex();
        } finally {
            buffer.release();
        }
    }

    private void string(String value) {
        int lengthAt = size;
        int32(0);
        int start = size;
        cString(value);
        int length = size - start;
        bytes[lengthAt] = (byte) length;
        bytes[lengthAt + 1] = (byte) (length >>> 8);
        bytes[lengthAt + 2] = (byte) (length >>> 16);
        bytes[lengthAt + 3] = (byte) (length >>> 24);
    }

    /** The string's UTF-8 bytes and a terminating zero. */
    private void cString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length + 1);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        bytes[size++] = BsonConstants.STRING_TERMINATION;
    }

    private void raw(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
    }

    private void byte1(byte value) {
        ensure(1);
        bytes[size++] = value;
    }

    private void int32(int value) {
        ensure(4);
        bytes[size] = (byte) value;
        bytes[size + 1] = (byte) (value >>> 8);
        bytes[size + 2] = (byte) (value >>> 16);
        bytes[size + 3] = (byte) (value >>> 24);
        size += 4;
    }

    private void int64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size + i] = (byte) (value >>> (8 * i));
        }
        size += 8;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}

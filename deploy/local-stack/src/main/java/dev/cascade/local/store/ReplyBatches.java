package dev.cascade.local.store;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Replies of at most {@link #MAX_BYTES} of documents, as MongoDB sends them: a query's first batch and each
 * {@code getMore} stop where the next document would pass the limit (at least one document each), and the rest waits
 * in a cursor. The store this builds on answers a query without a batch size in one reply, however large: 30,201
 * parked reports (64 MB) came back as one message over the wire protocol's 48 MB and the driver refused it.
 */
final class ReplyBatches {

    /** MongoDB's own batch limit (16 MiB), well under the 48 MB a message may carry. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private ReplyBatches() {
    }

    /**
     * How many of the first documents go into one reply: at most {@code limit} ({@code <= 0}: no count limit) and
     * at most {@code maxBytes} of BSON, but at least one.
     */
    static int fitting(List<Document> documents, int limit, int maxBytes) {
        int most = limit > 0 ? Math.min(limit, documents.size()) : documents.size();
        if (most <= 1) {
            return most; // a single document goes out alone whatever its size: nothing to measure
        }
        // nearly every reply is far under the limit: a bound on its size, found without encoding, says so; encoding
        // each document only to measure it was a tenth of the store's CPU in a national burst
        long bound = 0;
        for (int i = 0; i < most && bound <= maxBytes; i++) {
            bound += upperBound(documents.get(i));
        }
        if (bound <= maxBytes) {
            return most;
        }
        long bytes = 0;
        ByteBuf buffer = Unpooled.buffer();
        try {
            for (int i = 0; i < most; i++) {
                buffer.clear();
                BsonEncoder.encodeDocument(documents.get(i), buffer);
                bytes += buffer.readableBytes();
                if (bytes > maxBytes && i > 0) {
                    return i;
                }
            }
            return most;
        } finally {
            buffer.release();
        }
    }

    /**
     * At least as many bytes as {@code value} takes in BSON as an element's value (its type byte and name excluded),
     * without encoding it: a string at most 3 bytes per UTF-16 unit, numbers and the like their fixed size; a value
     * of a type not known here gets a bound larger than any reply, so that the reply is measured exactly.
     */
    static long upperBound(Object value) {
        if (value == null || value instanceof Boolean || value instanceof MinKey || value instanceof MaxKey
                || value instanceof Missing) {
            return 1;
        }
        if (value instanceof String string) {
            return 5L + 3L * string.length();
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = 5;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += 2 + 3L * String.valueOf(entry.getKey()).length() + upperBound(entry.getValue());
            }
            return bytes;
        }
        if (value instanceof Collection<?> collection) {
            long bytes = 5;
            for (Object element : collection) {
                bytes += 2 + 10 + upperBound(element); // type, an index of at most 10 digits, NUL
            }
            return bytes;
        }
        if (value instanceof Integer) {
            return 4;
        }
        if (value instanceof Long || value instanceof Double || value instanceof Instant
                || value instanceof BsonTimestamp) {
            return 8;
        }
        if (value instanceof ObjectId) {
            return 12;
        }
        if (value instanceof Decimal128) {
            return 16;
        }
        if (value instanceof UUID || value instanceof LegacyUUID) {
            return 5 + 16;
        }
        if (value instanceof BinData binary) {
            return 5L + binary.getData().length;
        }
        if (value instanceof BsonRegularExpression regex) {
            return 2 + 3L * regex.getPattern().length() + 3L * String.valueOf(regex.getOptions()).length();
        }
        if (value instanceof BsonJavaScript script) {
            return 5L + 3L * script.getCode().length();
        }
        return UNKNOWN;
    }

    /** The bound of a value of a type {@link #upperBound} does not know: more than any reply may carry. */
    private static final long UNKNOWN = Integer.MAX_VALUE;

    /** The documents of a query left for {@code getMore}, handed out a reply's worth at a time. */
    static final class Cursor extends AbstractCursor {

        private final int maxBytes;
        private List<Document> remaining;

        Cursor(long id, List<Document> remaining, int maxBytes) {
            super(id);
            this.remaining = new ArrayList<>(remaining);
            this.maxBytes = maxBytes;
        }

        @Override
        public synchronized boolean isEmpty() {
            return remaining.isEmpty();
        }

        @Override
        public synchronized List<Document> takeDocuments(int numberToReturn) {
            int n = fitting(remaining, numberToReturn, maxBytes);
            List<Document> taken = new ArrayList<>(remaining.subList(0, n));
            remaining = remaining.subList(n, remaining.size());
            return taken;
        }
    }
}

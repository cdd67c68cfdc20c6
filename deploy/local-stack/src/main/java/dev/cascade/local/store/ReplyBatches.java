package dev.cascade.local.store;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.List;

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

package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyBatchesTest {

    /** Documents of about 1 KB of BSON each. */
    private static List<Document> documents(int count) {
        String payload = "x".repeat(1_000);
        return IntStream.range(0, count).mapToObj(i -> new Document("_id", i).append("p", payload)).toList();
    }

    @Test
    void aReplyStopsBeforeTheDocumentThatWouldPassTheLimit() {
        // each document is a little over 1,000 bytes: 4 fit in 4,500, the fifth would not
        assertThat(ReplyBatches.fitting(documents(10), 0, 4_500)).isEqualTo(4);
        assertThat(ReplyBatches.fitting(documents(3), 0, 4_500)).isEqualTo(3);
    }

    @Test
    void theClientsBatchSizeStillLimitsTheCount() {
        assertThat(ReplyBatches.fitting(documents(10), 2, 1_000_000)).isEqualTo(2);
    }

    @Test
    void aDocumentLargerThanTheLimitStillGoesOutAlone() {
        assertThat(ReplyBatches.fitting(documents(3), 0, 10)).isEqualTo(1);
        assertThat(ReplyBatches.fitting(List.of(), 0, 10)).isZero();
    }

    @Test
    void theCursorHandsOutEveryDocumentOnceAReplyAtATime() {
        ReplyBatches.Cursor cursor = new ReplyBatches.Cursor(1, documents(10), 4_500);
        List<Object> taken = new ArrayList<>();
        List<Integer> replies = new ArrayList<>();
        while (!cursor.isEmpty()) {
            List<Document> reply = cursor.takeDocuments(0);
            replies.add(reply.size());
            reply.forEach(d -> taken.add(d.get("_id")));
        }

        assertThat(replies).containsExactly(4, 4, 2);
        assertThat(taken).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void theBoundOfADocumentIsNeverBelowItsEncodedSize() {
        Document unit = new Document("_id", "25738")
                .append("name", "Phường Ba Đình, Thành phố Hà Nội 😀")
                .append("version", 3L)
                .append("active", true)
                .append("missing", null)
                .append("ratio", 62.86)
                .append("count", 1_000)
                .append("at", java.time.Instant.parse("2025-07-01T00:00:00Z"))
                .append("oid", new de.bwaldvogel.mongo.bson.ObjectId())
                .append("amount", de.bwaldvogel.mongo.bson.Decimal128.ONE)
                .append("uuid", java.util.UUID.randomUUID())
                .append("bytes", new de.bwaldvogel.mongo.bson.BinData(new byte[] {1, 2, 3}))
                .append("placements", List.of(new Document("parentCode", "01").append("validFrom", "2025-07-01"),
                        new Document("parentCode", "001").append("validTo", "2025-06-30")))
                .append("codes", IntStream.range(0, 12).mapToObj(i -> "0" + i).toList());
        io.netty.buffer.ByteBuf buffer = io.netty.buffer.Unpooled.buffer();
        try {
            de.bwaldvogel.mongo.wire.bson.BsonEncoder.encodeDocument(unit, buffer);
            int encoded = buffer.readableBytes();

            assertThat(ReplyBatches.upperBound(unit)).isBetween((long) encoded, 4L * encoded);
        } finally {
            buffer.release();
        }
    }

    @Test
    void aReplyWhoseBoundPassesTheLimitIsMeasuredExactly() {
        // 1,000 ASCII characters are bounded at 3,000 bytes: 10 such documents are bounded above 30,000 bytes,
        // encoded they take about 10,150
        assertThat(ReplyBatches.upperBound(documents(1).get(0))).isGreaterThan(3_000);
        assertThat(ReplyBatches.fitting(documents(10), 0, 12_000)).isEqualTo(10);
        assertThat(ReplyBatches.fitting(documents(10), 0, 40_000)).isEqualTo(10);
    }
}

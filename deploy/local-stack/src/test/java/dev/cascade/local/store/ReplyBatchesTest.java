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
}

package dev.cascade.local.store;

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
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal's encoder writes exactly the bytes of the store library's, for every type a document can hold. */
class BsonBytesTest {

    @Test
    void everyValueTypeIsEncodedAsTheLibraryEncodesIt() {
        Document nested = new Document("rule", "RATIO_OF_SUMS").append("numerator", 120L).append("denominator", 200L)
                .append("value", 60.0).append("count", 1);
        Document document = new Document("_id", "TH-GDNN-ANNUAL|2025|31")
                .append("objectId", new ObjectId())
                .append("int", -7).append("long", 1L << 40).append("double", -0.5).append("true", true)
                .append("false", false).append("null", null).append("instant", Instant.parse("2025-12-09T02:00:33.065Z"))
                .append("decimal", new Decimal128(new BigDecimal("12345.6789")))
                .append("bytes", new BinData(new byte[]{1, 2, 3, 0, -1})).append("uuid", UUID.randomUUID())
                .append("legacyUuid", new LegacyUUID(UUID.randomUUID()))
                .append("tên đơn vị", "Xã Thanh Hà — Hải Phòng 𝔘").append("empty", "").append("ascii", "10813")
                .append("values", new Document("GDNN_INTAKE_RATE", nested).append("GDNN_GRADUATES", new Document()))
                .append("children", List.of(new Document("unitCode", "10813").append("received", 1), "x", 3, List.of()))
                .append("set", new LinkedHashSet<>(List.of("b", "a")))
                .append("timestamp", new BsonTimestamp(Instant.parse("2025-07-01T00:00:00Z"), 3))
                .append("regex", new BsonRegularExpression("^10", "i"))
                .append("code", new BsonJavaScript("function() { return 1; }"))
                .append("max", MaxKey.getInstance()).append("min", MinKey.getInstance());

        byte[] ours = BsonBytes.of(document);

        assertThat(ours).isEqualTo(library(document));
        assertThat(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(ours)).get("tên đơn vị"))
                .isEqualTo("Xã Thanh Hà — Hải Phòng 𝔘");
    }

    @Test
    void aPutPayloadIsTheDocumentOfKeyAndDocument() {
        Document document = new Document("_id", 42).append("outbox", new ArrayList<>(List.of(new Document("type", "x"))));
        assertThat(JournalFormat.putPayload(42, document))
                .isEqualTo(library(new Document("k", 42).append("d", document)));
    }

    @Test
    void aDocumentLargerThanTheFirstArrayGrowsIt() {
        Document large = new Document();
        for (int i = 0; i < 2_000; i++) {
            large.append("indicator-" + i, new Document("value", (double) i).append("unit", "người"));
        }
        assertThat(BsonBytes.of(large)).hasSizeGreaterThan(64_000).isEqualTo(library(large));
    }

    @Test
    void aValueOfNoBsonTypeIsRefusedAsTheLibraryRefusesIt() {
        assertThatThrownBy(() -> BsonBytes.of(new Document("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown type");
    }

    private static byte[] library(Map<String, ?> document) {
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
}

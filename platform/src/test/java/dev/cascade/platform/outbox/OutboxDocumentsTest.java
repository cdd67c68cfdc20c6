package dev.cascade.platform.outbox;

import dev.cascade.platform.test.SpringDataMapping;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pending event is stored as Spring Data's mapping stored it before (without its {@code _class} hint), so that
 * events written by either read the same.
 */
class OutboxDocumentsTest {


    private final MappingMongoConverter spring = SpringDataMapping.converter();

    @Test
    void storesAnEventAsSpringDataDidAndReadsBothBack() {
        List<OutboxEvent> events = List.of(
                new OutboxEvent("0b6a7c1e-2f0d-4c55-9a51-1f1d4f0f4a10", "cascade.report.submitted",
                        "cascade.reports.v1", "HD-GDNN-ANNUAL|2024|294", "0e8c", Instant.parse("2024-12-05T02:15:03.120Z"),
                        utf8("{\"unitCode\":\"10813\"}"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                new OutboxEvent("e-2", "cascade.obligation.fulfilled", "cascade.obligations.v1", "10813", null,
                        Instant.parse("2024-12-05T02:15:03Z"), utf8("{}")));
        for (OutboxEvent event : events) {
            Document bySpring = new Document();
            spring.write(event, bySpring);
            bySpring.remove("_class");

            assertThat(OutboxDocuments.event(event).toJson(SpringDataMapping.EXACT))
                    .isEqualTo(bySpring.toJson(SpringDataMapping.EXACT));
            assertThat(OutboxDocuments.event(bySpring)).isEqualTo(event);
            assertThat(OutboxDocuments.event(OutboxDocuments.event(event))).isEqualTo(event);
        }
    }

    @Test
    void aDocumentCarriesItsEventsAndItsLease() {
        OutboxEvent event = new OutboxEvent("e-1", "cascade.report.submitted", "cascade.reports.v1", "k", "s",
                Instant.parse("2024-12-05T02:15:03Z"), utf8("{}"));
        Instant lease = Instant.parse("2024-12-05T02:15:33Z");

        Document stored = OutboxDocuments.withPending(spring, new Entity("r-1", 3), List.of(event), lease);

        assertThat(stored.getString("_id")).isEqualTo("r-1");
        assertThat(stored.getInteger("version")).isEqualTo(3);
        assertThat(stored.getList(OutboxRelay.EVENTS, Document.class)).containsExactly(OutboxDocuments.event(event));
        assertThat(stored.getDate(OutboxRelay.LEASE).toInstant()).isEqualTo(lease);
    }

    @Test
    void readsAPayloadAsBinaryAsTheDriverReturnsItOrAsAStringAsStoredBefore() {
        String json = "{\"unitName\":\"Phường Ba Đình\"}";
        Document stored = OutboxDocuments.event(new OutboxEvent("e-3", "cascade.report.submitted",
                "cascade.reports.v1", "k", "s", Instant.parse("2024-12-05T02:15:03Z"), utf8(json)));
        assertThat(stored.get("payload")).isInstanceOf(byte[].class);

        stored.put("payload", new Binary(utf8(json))); // how the driver reads BSON binary into a Document
        assertThat(OutboxDocuments.event(stored).payloadText()).isEqualTo(json);
        stored.put("payload", json); // an event written before payloads were binary, still pending
        assertThat(OutboxDocuments.event(stored).payload()).isEqualTo(utf8(json));
        stored.put("payload", 42);
        assertThatThrownBy(() -> OutboxDocuments.event(stored)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Integer");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    record Entity(String id, int version) {
    }
}

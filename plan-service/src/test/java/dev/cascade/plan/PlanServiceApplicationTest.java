package dev.cascade.plan;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = {"spring.config.name=plan-service",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}"})
@EmbeddedKafka(partitions = 1)
class PlanServiceApplicationTest {

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
    }

    @Autowired
    StreamBridge bridge;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MongoTemplate mongo;

    @Test
    void spike() {
        UnitUpserted unit = new UnitUpserted("30", List.of(new UnitPlacement("2025-03", LocalDate.of(2025, 3, 1), null,
                "Tỉnh Hải Dương", "Tỉnh", UnitLevel.PROVINCE, "BGDDT")), 1);
        var msg = MessageBuilder.withPayload(unit)
                .copyHeaders(CloudEventHeaders.newEvent("cascade.unit.upserted", "/cascade/plan-service", "30", Instant.parse("2025-01-01T00:00:00Z")))
                .setHeader(KafkaHeaders.KEY, "30").build();
        assertThat(bridge.send(Topics.UNITS, msg)).isTrue();
        mongo.save(new java.util.HashMap<>(Map.of("a", 1)), "x");
        assertThat(mongo.getCollection("x").countDocuments()).isEqualTo(1);
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "spike", false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.UNITS));
            ConsumerRecord<String, String> rec = KafkaTestUtils.getSingleRecord(consumer, Topics.UNITS);
            System.out.println("KEY=" + rec.key() + " VALUE=" + rec.value());
            rec.headers().forEach(h -> System.out.println("H " + h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
        }
    }
}

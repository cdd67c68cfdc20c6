package dev.cascade.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What "Ready" waits for, read from a real broker: per consumer group, the records of the topics it reads that it has
 * not committed yet; a group that never committed owes everything still on the topic, and records deleted below a
 * partition's start are owed by nobody.
 */
class SettlingIT {

    private static final String TOPIC = "settling-test";
    private static final String OTHER = "settling-other";

    @TempDir
    static Path home;

    private static KafkaBrokerProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new KafkaBrokerProcess(home.resolve("kafka"), KafkaAclIT.freePortPair());
        broker.start(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eachGroupOwesWhatItHasNotCommittedOfTheTopicsItReads() throws Exception {
        Map<String, Object> client = broker.client(KafkaCredentials.ADMIN);
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1), new NewTopic(OTHER, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            send(client, TOPIC, 0, 3);
            send(client, TOPIC, 1, 2);
            send(client, OTHER, 0, 4);
            TopicPartition first = new TopicPartition(TOPIC, 0);
            TopicPartition second = new TopicPartition(TOPIC, 1);
            admin.alterConsumerGroupOffsets("settling-a", Map.of(first, new OffsetAndMetadata(3),
                    second, new OffsetAndMetadata(1))).all().get(30, TimeUnit.SECONDS);
            admin.alterConsumerGroupOffsets("settling-c", Map.of(first, new OffsetAndMetadata(3),
                    second, new OffsetAndMetadata(2))).all().get(30, TimeUnit.SECONDS);
            // a: one record of partition 1 unread; b: never committed; c: read all of TOPIC, and reads nothing else
            Map<String, Set<String>> inputs = Map.of("settling-a", Set.of(TOPIC), "settling-b", Set.of(TOPIC, OTHER),
                    "settling-c", Set.of(TOPIC));

            assertThat(lag(admin, inputs)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "settling-a", 1L, "settling-b", 9L, "settling-c", 0L));

            admin.deleteRecords(Map.of(second, RecordsToDelete.beforeOffset(2))).all().get(30, TimeUnit.SECONDS);
            assertThat(lag(admin, inputs)).as("records gone by retention are owed by nobody")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("settling-a", 0L, "settling-b", 7L, "settling-c", 0L));

            send(client, TOPIC, 0, 1);
            assertThat(lag(admin, inputs)).as("a record published later is owed again")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("settling-a", 1L, "settling-b", 8L, "settling-c", 1L));
        }
    }

    private static Map<String, Long> lag(Admin admin, Map<String, Set<String>> inputs) throws Exception {
        Set<String> topics = Set.of(TOPIC, OTHER);
        return Settling.lag(admin, inputs, Settling.offsets(admin, topics, OffsetSpec.latest()),
                Settling.offsets(admin, topics, OffsetSpec.earliest()));
    }

    private static void send(Map<String, Object> client, String topic, int partition, int records) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }
}

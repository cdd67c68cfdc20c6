package dev.cascade.platform.kafka;

import dev.cascade.platform.test.BadInputCatalogue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's consumer fault handling on a real broker: a record that throws an unexpected exception is retried a
 * bounded number of times and then dead-lettered alone while the records around it are applied, in a record binding
 * and in the middle of a batch; an outage of the store is retried past the bound without losing the record; health
 * shows a stuck partition (readiness 503) and a dead-letter topic that holds records.
 */
@SpringBootTest(classes = FaultyConsumers.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.cloud.function.definition=words;batches",
        "spring.cloud.stream.bindings.words-in-0.destination=platform.words",
        "spring.cloud.stream.bindings.words-in-0.group=platform-test",
        "spring.cloud.stream.bindings.words-in-0.consumer.max-attempts=3",
        "spring.cloud.stream.bindings.words-in-0.consumer.back-off-initial-interval=100",
        "spring.cloud.stream.bindings.words-in-0.consumer.back-off-max-interval=200",
        "spring.cloud.stream.bindings.batches-in-0.destination=platform.batches",
        "spring.cloud.stream.bindings.batches-in-0.group=platform-test",
        "spring.cloud.stream.bindings.batches-in-0.consumer.batch-mode=true",
        "spring.cloud.stream.bindings.batches-in-0.consumer.use-native-decoding=true",
        "spring.cloud.stream.kafka.binder.consumer-properties.key.deserializer="
                + "org.apache.kafka.common.serialization.StringDeserializer",
        "spring.cloud.stream.kafka.binder.consumer-properties.group.protocol=consumer",
        "spring.cloud.stream.kafka.binder.consumer-properties.auto.offset.reset=earliest",
        "cascade.consumer.retry.max-attempts=3",
        "cascade.consumer.retry.initial-interval=100ms",
        "cascade.consumer.retry.max-interval=200ms",
        "cascade.consumer.retry.outage-max-interval=1s",
        "cascade.consumer.stuck-after=2s",
        "cascade.consumer.dead-letter-check-interval=0s",
        "management.endpoints.web.exposure.include=health,prometheus",
        // no MongoDB here: the platform has the driver for the outbox, but these consumers store nothing
        "management.health.mongodb.enabled=false"})
@EmbeddedKafka(partitions = 1, topics = {"platform.words", "platform.batches", "platform.words.dlq",
        "platform.batches.dlq"})
class ConsumerFaultsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    EmbeddedKafkaBroker broker;

    @LocalServerPort
    int port;

    private String run;

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPoisonRecordIsDeadLetteredAloneAndTheRecordsAroundItAreApplied() throws Exception {
        send("platform.words", "before-" + run, "poison-" + run, "after-" + run);

        await().atMost(Duration.ofMinutes(1)).until(() -> FaultyConsumers.applied.contains("after-" + run));
        assertThat(FaultyConsumers.applied).contains("before-" + run).doesNotContain("poison-" + run);
        assertThat(FaultyConsumers.deliveries.get("poison-" + run)).as("bounded attempts").hasValue(3);
        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofMinutes(1))
                .until(() -> deadLetters("platform.words.dlq", "poison-" + run), list -> !list.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo("key-poison-" + run);
        assertThat(header(dead.get(0), ConsumerErrorHandling.REASON_HEADER))
                .isEqualTo("IllegalStateException: cannot apply poison-" + run);
        assertThat(header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo("platform.words");

        JsonNode health = await().atMost(Duration.ofSeconds(20)).until(() -> health("/actuator/health"),
                h -> h.path("components").path("consumers").path("details").path("deadLetterTopics")
                        .path("platform.words.dlq").asLong() >= 1);
        assertThat(health.path("status").asString()).isEqualTo("DEGRADED");
        assertThat(health.path("components").path("consumers").path("status").asString()).isEqualTo("DEGRADED");
        JsonNode broker = await().atMost(Duration.ofSeconds(10)).until(() -> health("/actuator/health")
                .path("components").path("broker"), b -> !"UNKNOWN".equals(b.path("status").asString()));
        assertThat(broker.path("status").asString()).isEqualTo("UP");
        assertThat(broker.path("details").path("nodes").asInt()).isEqualTo(1);
        assertThat(status("/actuator/health")).as("degraded still answers 200").isEqualTo(200);
        assertThat(metrics()).containsPattern("cascade_consumer_dead_lettered_total\\{topic=\"platform.words\"} [1-9]");
    }

    @Test
    void everyConsumerMetricTheAlertRulesAndTheDashboardUseIsExposed() throws Exception {
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (String file : List.of("../deploy/prometheus/alerts.yml", "../deploy/grafana/dashboards/cascade.json")) {
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("cascade_consumer_[a-z_]+")
                    .matcher(java.nio.file.Files.readString(java.nio.file.Path.of(file)));
            while (names.find()) {
                used.add(names.group());
            }
        }
        assertThat(used).contains("cascade_consumer_stuck_partitions", "cascade_consumer_dead_lettered_total",
                "cascade_consumer_failures_total");
        send("platform.words", "poison-metrics-" + run);
        await().atMost(Duration.ofMinutes(1)).until(() -> metrics().contains("cascade_consumer_failures_total{"));
        await().atMost(Duration.ofMinutes(1)).until(() -> metrics().contains("cascade_consumer_dead_lettered_total{"));
        String scraped = metrics();
        for (String name : used) {
            assertThat(scraped).as("exposed: " + name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    @Test
    void aPoisonRecordInTheMiddleOfABatchIsDeadLetteredAloneAndTheRestOfTheBatchIsApplied() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            values.add(i == 4 ? "poison-batch-" + run : "batch-" + i + "-" + run);
        }
        send("platform.batches", values.toArray(String[]::new));

        await().atMost(Duration.ofMinutes(1)).until(() -> FaultyConsumers.applied.contains("batch-8-" + run));
        assertThat(FaultyConsumers.applied).containsAll(values.stream().filter(v -> !v.startsWith("poison")).toList());
        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofMinutes(1))
                .until(() -> deadLetters("platform.batches.dlq", "poison-batch-" + run), list -> !list.isEmpty());
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly("poison-batch-" + run);
        for (int i = 0; i < 4; i++) {
            assertThat(FaultyConsumers.deliveries.get("batch-" + i + "-" + run)).as("committed before the poison")
                    .hasValue(1);
        }
    }

    @Test
    void anOutageOfTheStoreIsRetriedPastTheBoundShowsAsStuckAndLosesNothing() throws Exception {
        String outage = "outage-9-" + run;
        send("platform.words", outage, "behind-" + run);

        JsonNode readiness = await().atMost(Duration.ofSeconds(30)).until(() -> health("/actuator/health/readiness"),
                h -> "OUT_OF_SERVICE".equals(h.path("status").asString()));
        JsonNode stuck = readiness.path("components").path("consumers").path("details").path("stuck").get(0);
        assertThat(stuck.path("topic").asString()).isEqualTo("platform.words");
        assertThat(stuck.path("error").asString()).startsWith("DataAccessResourceFailureException");
        assertThat(status("/actuator/health/readiness")).isEqualTo(503);

        await().atMost(Duration.ofMinutes(1)).until(() -> FaultyConsumers.applied.contains("behind-" + run));
        assertThat(FaultyConsumers.applied).contains(outage);
        assertThat(FaultyConsumers.deliveries.get(outage)).hasValue(10);
        assertThat(deadLetters("platform.words.dlq", outage)).as("an outage is not the record's fault").isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> status("/actuator/health/readiness") == 200);
    }

    private void send(String topic, String... values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "key-" + value, value));
            }
            producer.flush();
        }
    }

    private List<ConsumerRecord<String, String>> deadLetters(String topic, String value) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (value.equals(r.value())) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private JsonNode health(String path) {
        return JSON.readTree(get(path).body());
    }

    private String metrics() {
        return get("/actuator/prometheus").body();
    }

    private int status(String path) {
        return get(path).statusCode();
    }

    private HttpResponse<String> get(String path) {
        return BadInputCatalogue.get(BadInputCatalogue.local(port), path);
    }
}

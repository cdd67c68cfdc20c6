package dev.cascade.benchmark;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * How long a lone record waits between the broker's acknowledgement and a subscribed consumer's poll, for each group
 * protocol, on the running stack's broker: one record every 1.5–2 s to a scratch topic (3 partitions, deleted
 * afterwards), read by a group consumer that commits after each poll as the services' containers do. This is the
 * measurement behind the report path's {@code group.protocol: classic} in aggregation-service.yml.
 * <pre>BENCHMARK_MAIN=dev.cascade.benchmark.LoneRecordLatency deploy/benchmark.sh [records 12] [fetch.max.wait.ms 100]</pre>
 */
public final class LoneRecordLatency {

    private LoneRecordLatency() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("CASCADE_KAFKA_BOOTSTRAP", "localhost:9092");
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int maxWait = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        for (String protocol : List.of("consumer", "classic")) {
            double[] millis = measure(bootstrap, protocol, records, maxWait);
            Percentiles.Summary summary = Percentiles.summary(millis);
            System.out.printf("group.protocol=%s fetch.max.wait.ms=%d: %d records, ack → poll p50 %.0f ms, p95 %.0f ms, "
                    + "max %.0f ms%n", protocol, maxWait, summary.n(), summary.p50(), summary.p95(), summary.max());
        }
    }

    static double[] measure(String bootstrap, String protocol, int records, int maxWait) throws Exception {
        String topic = "benchmark.lone." + protocol + "." + System.currentTimeMillis();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
            try {
                return measureOn(bootstrap, topic, protocol, records, maxWait);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static double[] measureOn(String bootstrap, String topic, String protocol, int records, int maxWait)
            throws Exception {
        Map<String, Object> config = KafkaClients.admin(bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, maxWait);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Long> received = new CopyOnWriteArrayList<>();
        List<Long> acknowledged = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Thread reader = new Thread(() -> {
                try {
                    while (true) {
                        for (ConsumerRecord<String, String> ignored : consumer.poll(Duration.ofSeconds(5))) {
                            received.add(System.nanoTime());
                        }
                        consumer.commitSync();
                    }
                } catch (WakeupException closing) {
                    // done
                }
            }, "lone-record-reader");
            reader.start();
            Thread.sleep(8000); // the group forms and the partitions are assigned
            Map<String, Object> producerConfig = KafkaClients.admin(bootstrap);
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < records; i++) {
                    Thread.sleep(1500 + (i * 137L) % 500);
                    int before = received.size();
                    producer.send(new ProducerRecord<>(topic, "k" + i, "lone")).get();
                    acknowledged.add(System.nanoTime());
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (received.size() == before && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                }
            }
            consumer.wakeup();
            reader.join(10_000);
        }
        if (received.size() != records) {
            throw new IllegalStateException(protocol + ": " + received.size() + " of " + records + " records read");
        }
        double[] millis = new double[records];
        for (int i = 0; i < records; i++) {
            millis[i] = Math.max(0, (received.get(i) - acknowledged.get(i)) / 1e6);
        }
        return millis;
    }
}

package dev.cascade.local;

import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local broker as the stack starts it (SASL/SCRAM-SHA-512, StandardAuthorizer, the ACLs derived from
 * asyncapi.yaml and the services' bindings): the ministry reads the public stream and nothing else, a service cannot
 * write another service's topic, a wrong password gets nowhere, and a restart with a new password file still works.
 */
class KafkaAclIT {

    @TempDir
    static Path home;

    private static KafkaBrokerProcess broker;
    private static int port;

    @BeforeAll
    static void startLockedBroker() throws Exception {
        port = freePortPair();
        broker = new KafkaBrokerProcess(home.resolve("kafka"), port);
        broker.start(Duration.ofSeconds(90));
        TopicSetup.ensureTopics(broker.client(KafkaCredentials.ADMIN), 3);
        KafkaAccess.apply(broker.client(KafkaCredentials.ADMIN));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theMinistryReadsTheAggregatesWithAGroupOfItsOwnPrefix() throws Exception {
        String key = "HD-GDNN-ANNUAL|2024|acl-" + UUID.randomUUID();
        RecordMetadata sent = send("aggregation-service", Topics.AGGREGATES, key, "{\"version\":1}").get(30, TimeUnit.SECONDS);
        assertThat(sent.topic()).isEqualTo(Topics.AGGREGATES);

        Map<String, Object> config = consumer(KafkaCredentials.MINISTRY, KafkaCredentials.MINISTRY_GROUP_PREFIX + "acl-test");
        try (KafkaConsumer<String, String> ministry = new KafkaConsumer<>(config)) {
            ministry.subscribe(List.of(Topics.AGGREGATES));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.stream().noneMatch(r -> key.equals(r.key())) && System.nanoTime() < until) {
                ministry.poll(Duration.ofMillis(500)).forEach(read::add);
            }
            assertThat(read).filteredOn(r -> key.equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo("{\"version\":1}"));
            ministry.commitSync(); // its own group prefix: it may keep its offsets
        }
    }

    @Test
    void theMinistryCannotReadTheReports() {
        try (KafkaConsumer<String, String> ministry = new KafkaConsumer<>(
                consumer(KafkaCredentials.MINISTRY, KafkaCredentials.MINISTRY_GROUP_PREFIX + "reports"))) {
            ministry.assign(List.of(new TopicPartition(Topics.REPORTS, 0)));
            assertThatThrownBy(() -> pollFor(ministry, Duration.ofSeconds(15)))
                    .isInstanceOf(TopicAuthorizationException.class)
                    .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                            .containsExactly(Topics.REPORTS));
        }
    }

    @Test
    void theMinistryCannotUseAGroupOutsideItsPrefix() {
        try (KafkaConsumer<String, String> ministry = new KafkaConsumer<>(consumer(KafkaCredentials.MINISTRY,
                "aggregation-service"))) {
            ministry.subscribe(List.of(Topics.AGGREGATES));
            assertThatThrownBy(() -> pollFor(ministry, Duration.ofSeconds(15)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void theMinistryCannotWriteAnywhere() {
        // A default (idempotent) producer does not even get a producer id: it may write no topic at all. Whether the
        // refusal fails the first send's future or send itself (the producer already in its error state) is a race
        // with the producer id request; the second send always meets the error state. Either way the cause is the
        // broker's refusal.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producer(KafkaCredentials.MINISTRY, Map.of()),
                new StringSerializer(), new StringSerializer())) {
            for (String attempt : List.of("first send", "second send")) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AGGREGATES, "k", "{}"))
                        .get(30, TimeUnit.SECONDS))
                        .as("ministry's idempotent producer, %s", attempt)
                        .isInstanceOfAny(ExecutionException.class, KafkaException.class)
                        .cause().isInstanceOf(ClusterAuthorizationException.class);
            }
        }
        // without idempotence, each topic refuses it
        for (String topic : List.of(Topics.AGGREGATES, Topics.REPORTS, Topics.UNITS, Topics.deadLetter(Topics.AGGREGATES))) {
            assertThatThrownBy(() -> send(KafkaCredentials.MINISTRY, topic, "k", "{}",
                    Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1"))
                    .get(30, TimeUnit.SECONDS))
                    .as("ministry writing %s", topic)
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aServiceCannotWriteAnotherServicesTopic() throws Exception {
        assertThatThrownBy(() -> send("report-service", Topics.AGGREGATES, "k", "{}").get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("notification-service", Topics.REPORTS, "k", "{}").get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TopicAuthorizationException.class);
        // while its own topic takes the record
        assertThat(send("report-service", Topics.REPORTS, "k", "{}").get(30, TimeUnit.SECONDS).topic())
                .isEqualTo(Topics.REPORTS);
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        Map<String, Object> config = new HashMap<>(KafkaCredentials.scram(KafkaCredentials.MINISTRY, "not-the-password"));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class);
        }
        Map<String, Object> plaintext = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        try (Admin anonymous = Admin.create(plaintext)) {
            assertThatThrownBy(() -> anonymous.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .as("no authentication at all")
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void theBrokerHoldsExactlyTheDerivedTable() throws Exception {
        try (Admin admin = Admin.create(broker.client(KafkaCredentials.ADMIN))) {
            Collection<AclBinding> ministry = acls(admin, "User:ministry");
            assertThat(ministry.stream().map(KafkaAclIT::describe).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                    "TOPIC cascade.aggregates.v1 LITERAL READ",
                    "TOPIC cascade.aggregates.v1 LITERAL DESCRIBE",
                    "GROUP ministry. PREFIXED READ");
            assertThat(acls(admin, "User:report-service").stream().map(KafkaAclIT::describe).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(
                            "TOPIC cascade.units.v1 LITERAL READ", "TOPIC cascade.units.v1 LITERAL DESCRIBE",
                            "TOPIC cascade.plans.v1 LITERAL READ", "TOPIC cascade.plans.v1 LITERAL DESCRIBE",
                            "TOPIC cascade.obligations.v1 LITERAL WRITE", "TOPIC cascade.obligations.v1 LITERAL DESCRIBE",
                            "TOPIC cascade.reports.v1 LITERAL WRITE", "TOPIC cascade.reports.v1 LITERAL DESCRIBE",
                            "TOPIC cascade.units.v1.dlq LITERAL WRITE", "TOPIC cascade.units.v1.dlq LITERAL DESCRIBE",
                            "TOPIC cascade.plans.v1.dlq LITERAL WRITE", "TOPIC cascade.plans.v1.dlq LITERAL DESCRIBE",
                            "GROUP report-service LITERAL READ");
            assertThat(acls(admin, "User:plan-service").stream().map(KafkaAclIT::describe).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(
                            "TOPIC cascade.units.v1 LITERAL WRITE", "TOPIC cascade.units.v1 LITERAL DESCRIBE",
                            "TOPIC cascade.plans.v1 LITERAL WRITE", "TOPIC cascade.plans.v1 LITERAL DESCRIBE");
            assertThat(acls(admin, "User:aggregation-service")).extracting(KafkaAclIT::describe)
                    .contains("TOPIC cascade.aggregates.v1 LITERAL WRITE", "TOPIC cascade.rollup.v1 LITERAL READ",
                            "TOPIC cascade.rollup.v1 LITERAL WRITE", "TOPIC cascade.reports.v1.dlq LITERAL WRITE",
                            "GROUP aggregation-service LITERAL READ")
                    .doesNotContain("TOPIC cascade.aggregates.v1 LITERAL READ")
                    .allMatch(line -> !line.contains("ALL") && !line.contains("CREATE") && !line.contains("PREFIXED"));
            // nobody but the ministry reads aggregates; nobody may create topics; the table on the broker is the derived one
            assertThat(acls(admin, null)).hasSize(KafkaAccess.grants().size());
        }
    }

    @Test
    void aRestartWithANewPasswordFileStillAuthenticates() throws Exception {
        Path dir = home.resolve("restarted");
        int other = freePortPair();
        KafkaBrokerProcess first = new KafkaBrokerProcess(dir, other);
        try {
            first.start(Duration.ofSeconds(90));
        } finally {
            first.close();
        }
        String before = Files.readString(dir.resolve(KafkaCredentials.FILE));
        Files.delete(dir.resolve(KafkaCredentials.FILE)); // the storage keeps the old credentials: they must be replaced
        try (KafkaBrokerProcess again = new KafkaBrokerProcess(dir, other)) {
            again.start(Duration.ofSeconds(90));
            assertThat(Files.readString(dir.resolve(KafkaCredentials.FILE))).isNotEqualTo(before);
            try (Admin admin = Admin.create(again.client(KafkaCredentials.ADMIN))) {
                assertThat(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS)).hasSize(1);
            }
        }
    }

    private static Collection<AclBinding> acls(Admin admin, String principal) throws Exception {
        return admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(principal,
                null, AclOperation.ANY, AclPermissionType.ANY))).values().get(30, TimeUnit.SECONDS);
    }

    private static String describe(AclBinding binding) {
        return binding.pattern().resourceType() + " " + binding.pattern().name() + " " + binding.pattern().patternType()
                + " " + binding.entry().operation();
    }

    private static Future<RecordMetadata> send(String principal, String topic, String key, String value) {
        return send(principal, topic, key, value, Map.of());
    }

    private static Future<RecordMetadata> send(String principal, String topic, String key, String value,
                                               Map<String, Object> more) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producer(principal, more),
                new StringSerializer(), new StringSerializer())) {
            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
            return sent;
        }
    }

    private static Map<String, Object> producer(String principal, Map<String, Object> more) {
        Map<String, Object> config = broker.client(principal);
        config.putAll(more);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        return config;
    }

    private static Map<String, Object> consumer(String principal, String group) {
        Map<String, Object> config = broker.client(principal);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    private static void pollFor(KafkaConsumer<String, String> consumer, Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            consumer.poll(Duration.ofMillis(500));
        }
    }

    /** A port whose successor (the controller listener) is free as well. */
    static int freePortPair() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0)) {
                candidate = socket.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(candidate + 1); ServerSocket first = new ServerSocket(candidate)) {
                return candidate;
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no two adjacent free ports");
    }
}

package dev.cascade.local;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), started as a child
 * JVM from the Kafka jars on this program's classpath. Its log directory survives restarts.
 * <p>
 * Locked: clients authenticate with SASL/SCRAM-SHA-512 on the client listener ({@code localhost:<port>}) and are
 * authorized by KRaft's {@code StandardAuthorizer} (no ACL, no access); super users are the broker itself and
 * {@code admin}. The controller listener ({@code localhost:<port+1>}) takes SASL/PLAIN from the broker principal only
 * (SCRAM cannot serve a controller listener: its credentials live in the metadata the controller serves). The
 * principals and passwords are {@link KafkaCredentials}, kept in {@code <dir>/credentials.properties}; they are added
 * to the storage when it is formatted; an older data directory (formatted without them) or a new password file gets
 * them in a set-up start first, in which the broker principal may also use SASL/PLAIN on the client listener (the
 * SCRAM admin API is not served on the controller listener), then the broker starts as usual.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    /** Kafka's default for SCRAM-SHA-512 (kafka-storage --add-scram and kafka-configs use 4096 unless told). */
    static final int SCRAM_ITERATIONS = 4096;
    /** Fingerprints of the credentials the storage holds, to tell when they must be set again. */
    static final String STORED = "credentials.stored";

    private final Path dir;
    private final int port;
    private final KafkaCredentials credentials;
    private Process process;

    KafkaBrokerProcess(Path dir, int port) throws IOException {
        this.dir = dir;
        this.port = port;
        this.credentials = KafkaCredentials.load(dir);
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    KafkaCredentials credentials() {
        return credentials;
    }

    /** Client settings authenticating as {@code principal}, with {@code bootstrap.servers}. */
    Map<String, Object> client(String principal) {
        return credentials.client(bootstrap(), principal);
    }

    void start(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path data = dir.resolve("data");
        Path logs = dir.resolve("logs");
        Files.createDirectories(data);
        Files.createDirectories(logs);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(data, false), StandardCharsets.UTF_8);
        Path logback = dir.resolve("logback-kafka.xml");
        Files.writeString(logback, logbackConfig(logs.resolve("kafka.log")), StandardCharsets.UTF_8);

        if (!Files.exists(data.resolve("meta.properties"))) {
            String clusterId = Uuid.randomUuid().toString();
            List<String> format = new ArrayList<>(List.of("format", "--standalone", "-t", clusterId,
                    "-c", config.toString()));
            for (String principal : KafkaCredentials.principals()) {
                format.add("--add-scram");
                format.add(KafkaCredentials.MECHANISM + "=[name=" + principal + ",password="
                        + credentials.password(principal) + ",iterations=" + SCRAM_ITERATIONS + "]");
            }
            int exit = java(logback, logs.resolve("format.out"), "kafka.tools.StorageTool",
                    format.toArray(String[]::new)).waitFor();
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage failed (exit " + exit + "), see "
                        + logs.resolve("format.out"));
            }
            Files.writeString(dir.resolve(STORED), storedFingerprints(), StandardCharsets.UTF_8);
        }
        if (!storedFingerprints().equals(readIfExists(dir.resolve(STORED)))) {
            // a data directory formatted by an older run (no SCRAM users), or a password file made anew: once, with the
            // broker principal also allowed SASL/PLAIN on the client listener, set every credential; then start as usual
            Path setup = dir.resolve("server-setup.properties");
            Files.writeString(setup, serverProperties(data, true), StandardCharsets.UTF_8);
            process = java(logback, logs.resolve("kafka.out"), "kafka.Kafka", setup.toString());
            try {
                upsertUsers(deadline);
            } finally {
                stop(Duration.ofSeconds(30));
                Files.deleteIfExists(setup);
            }
            Files.writeString(dir.resolve(STORED), storedFingerprints(), StandardCharsets.UTF_8);
        }
        process = java(logback, logs.resolve("kafka.out"), "kafka.Kafka", config.toString());
        awaitReady(deadline);
    }

    /** What the storage was given: one line per principal with a SHA-256 of its password (not the password). */
    private String storedFingerprints() {
        StringBuilder lines = new StringBuilder();
        for (String principal : KafkaCredentials.principals()) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest((principal + ":" + credentials.password(principal)).getBytes(StandardCharsets.UTF_8));
                lines.append(principal).append('=').append(java.util.HexFormat.of().formatHex(digest)).append('\n');
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return lines.toString();
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /**
     * On the set-up configuration's client listener, as the broker principal over SASL/PLAIN (a super user): sets
     * every principal's SCRAM credential to the password kept in {@code credentials.properties}.
     */
    private void upsertUsers(long deadline) throws InterruptedException {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, KafkaCredentials.jaas(
                "org.apache.kafka.common.security.plain.PlainLoginModule", KafkaCredentials.BROKER,
                credentials.password(KafkaCredentials.BROKER)));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (String principal : KafkaCredentials.principals()) {
            upserts.add(new UserScramCredentialUpsertion(principal,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), credentials.password(principal)));
        }
        Exception last = null;
        while (System.nanoTime() < deadline) {
            checkAlive();
            try (Admin admin = Admin.create(config)) {
                admin.alterUserScramCredentials(upserts).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                last = notYet;
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("Kafka broker did not take the SCRAM credentials: " + last);
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + ", see "
                    + dir.resolve("logs/kafka.out") + " and " + dir.resolve("logs/kafka.log"));
        }
    }

    private Process java(Path logback, Path output, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms256m");
        command.add("-Xmx1g");
        command.add("-Dlogback.configurationFile=" + logback);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private void awaitReady(long deadline) throws InterruptedException {
        Map<String, Object> config = client(KafkaCredentials.ADMIN);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (System.nanoTime() < deadline) {
            checkAlive();
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("Kafka broker not ready (as admin, over SASL/SCRAM) in time");
    }

    /** @param setup also SASL/PLAIN for the broker principal on the client listener (to set SCRAM credentials) */
    private String serverProperties(Path data, boolean setup) {
        String brokerPassword = credentials.password(KafkaCredentials.BROKER);
        String plainForBroker = KafkaCredentials.jaas("org.apache.kafka.common.security.plain.PlainLoginModule",
                KafkaCredentials.BROKER, brokerPassword,
                "user_" + KafkaCredentials.BROKER + "=\"" + KafkaCredentials.quote(brokerPassword) + "\"");
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + (port + 1),
                "listeners=CLIENT://localhost:" + port + ",CONTROLLER://localhost:" + (port + 1),
                "advertised.listeners=CLIENT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENT",
                "listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                // clients: SCRAM-SHA-512 (credentials in the cluster metadata); broker to controller: PLAIN, broker only
                "listener.name.client.sasl.enabled.mechanisms=" + KafkaCredentials.MECHANISM + (setup ? ",PLAIN" : ""),
                setup ? "listener.name.client.plain.sasl.jaas.config=" + plainForBroker : "",
                "sasl.mechanism.inter.broker.protocol=" + KafkaCredentials.MECHANISM,
                "listener.name.client.scram-sha-512.sasl.jaas.config=" + KafkaCredentials.jaas(
                        "org.apache.kafka.common.security.scram.ScramLoginModule", KafkaCredentials.BROKER, brokerPassword),
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=" + plainForBroker,
                // no ACL, no access; the broker and the stack's admin are super users
                "authorizer.class.name=" + AUTHORIZER,
                "super.users=User:" + KafkaCredentials.BROKER + ";User:" + KafkaCredentials.ADMIN,
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + data,
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // a consumer that died (kill -9) holds its partitions, and its static name, until its session expires:
                // 10 s instead of Kafka's 45 s, so a restarted or another instance takes over soon; the cost: a JVM
                // that stalls for 10 s loses its partitions
                "group.consumer.session.timeout.ms=10000",
                "group.consumer.min.session.timeout.ms=6000",
                "group.consumer.heartbeat.interval.ms=2000",
                "group.consumer.min.heartbeat.interval.ms=1000",
                // topics are created by the stack (TopicSetup) before any service starts
                "auto.create.topics.enable=false",
                "log.cleaner.min.compaction.lag.ms=0",
                "") ;
    }

    private static String logbackConfig(Path logFile) {
        return """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d{ISO8601} %%-5level %%logger{36} - %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(logFile);
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }

    /** SIGTERM (a controlled shutdown); SIGKILL when the broker is not down within {@code patience}. */
    void stop(Duration patience) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}

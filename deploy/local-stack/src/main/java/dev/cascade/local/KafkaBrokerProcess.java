package dev.cascade.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), started as a child
 * JVM from the Kafka jars on this program's classpath. Its log directory survives restarts.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    KafkaBrokerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    void start(Duration timeout) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Path logs = dir.resolve("logs");
        Files.createDirectories(data);
        Files.createDirectories(logs);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(data), StandardCharsets.UTF_8);
        Path logback = dir.resolve("logback-kafka.xml");
        Files.writeString(logback, logbackConfig(logs.resolve("kafka.log")), StandardCharsets.UTF_8);

        if (!Files.exists(data.resolve("meta.properties"))) {
            String clusterId = Uuid.randomUuid().toString();
            int exit = java(logback, logs.resolve("format.out"), "kafka.tools.StorageTool", "format", "--standalone",
                    "-t", clusterId, "-c", config.toString()).waitFor();
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage failed (exit " + exit + "), see "
                        + logs.resolve("format.out"));
            }
        }
        process = java(logback, logs.resolve("kafka.out"), "kafka.Kafka", config.toString());
        awaitReady(timeout);
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

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + ", see "
                        + dir.resolve("logs/kafka.out") + " and " + dir.resolve("logs/kafka.log"));
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout);
    }

    private String serverProperties(Path data) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + (port + 1),
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + (port + 1),
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
                "auto.create.topics.enable=true",
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

package dev.cascade.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack puts things, read from the environment. An external Kafka, MongoDB or SMTP server is used
 * instead of the embedded one when its variable is set, so the same services run against real infrastructure.
 */
record StackSettings(Path home, String externalKafka, int kafkaPort, String externalMongo, int mongoPort,
                     String externalSmtpHost, int smtpPort, int mailboxPort, String clock, String demoProvinces) {

    /** Three days before Thanh Ha's "report before 10/12" deadline of 2024, after the 08:00 reminder round. */
    static final String DEMO_CLOCK = "2024-12-07T09:00:00+07:00";

    static StackSettings fromEnvironment(Map<String, String> env) {
        return new StackSettings(
                Path.of(env.getOrDefault("CASCADE_HOME", ".cascade")).toAbsolutePath(),
                blankToNull(env.get("CASCADE_KAFKA_BOOTSTRAP")),
                Integer.parseInt(env.getOrDefault("CASCADE_KAFKA_PORT", "9092")),
                blankToNull(env.get("CASCADE_MONGODB_URI")),
                Integer.parseInt(env.getOrDefault("CASCADE_MONGODB_PORT", "27017")),
                blankToNull(env.get("CASCADE_SMTP_HOST")),
                Integer.parseInt(env.getOrDefault("CASCADE_SMTP_PORT", "2525")),
                Integer.parseInt(env.getOrDefault("CASCADE_MAILBOX_PORT", "8025")),
                env.getOrDefault("CASCADE_CLOCK", DEMO_CLOCK),
                env.getOrDefault("CASCADE_DEMO_PROVINCES", "30"));
    }

    String kafkaBootstrap() {
        return externalKafka != null ? externalKafka : "localhost:" + kafkaPort;
    }

    String mongoUri() {
        return externalMongo != null ? externalMongo : "mongodb://localhost:" + mongoPort;
    }

    String smtpHost() {
        return externalSmtpHost != null ? externalSmtpHost : "localhost";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package dev.cascade.local;

import dev.cascade.local.store.Journal;
import dev.cascade.local.store.JournaledBackend;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack puts things, read from the environment. An external Kafka, MongoDB, SMTP server or OIDC issuer
 * ({@code CASCADE_ISSUER_URI}) is used instead of the embedded one when its variable is set, so the same services run
 * against real infrastructure.
 */
record StackSettings(Path home, String externalKafka, int kafkaPort, String externalMongo, int mongoPort,
                     String externalSmtpHost, int smtpPort, int mailboxPort, String externalIssuer, int identityPort, int portalPort,
                     String clock, String demoProvinces,
                     boolean processes, String serviceHeap, Map<CascadeServices.Service, Integer> servicePorts) {

    /**
     * The demo day: one day before the "report before 10/12" deadline of 2025, after the 08:00 reminder round, when
     * all five seed plans have open obligations, owed by the units that took over after the 2025 reform.
     */
    static final String DEMO_CLOCK = "2025-12-09T09:00:00+07:00";
    /**
     * The demo day before the reform: three days before Thanh Ha's deadline of 2024, after the 08:00 reminder round,
     * when district 294 and its 16 communes still exist (the national benchmark's tree of 63 provinces).
     */
    static final String BEFORE_REFORM_CLOCK = "2024-12-07T09:00:00+07:00";

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
                blankToNull(env.get("CASCADE_ISSUER_URI")),
                Integer.parseInt(env.getOrDefault("CASCADE_IDENTITY_PORT", "9000")),
                Integer.parseInt(env.getOrDefault("CASCADE_PORTAL_PORT", "8080")),
                env.getOrDefault("CASCADE_CLOCK", DEMO_CLOCK),
                env.getOrDefault("CASCADE_DEMO_PROVINCES", "30"),
                Boolean.parseBoolean(env.getOrDefault("CASCADE_PROCESSES", "false")),
                env.getOrDefault("CASCADE_SERVICE_HEAP", "512m"),
                Map.of(CascadeServices.Service.PLAN, port(env, "PLAN_SERVICE_PORT", 8081),
                        CascadeServices.Service.REPORT, port(env, "REPORT_SERVICE_PORT", 8082),
                        CascadeServices.Service.AGGREGATION, port(env, "AGGREGATION_SERVICE_PORT", 8083),
                        CascadeServices.Service.NOTIFICATION, port(env, "NOTIFICATION_SERVICE_PORT", 8084)));
    }

    /**
     * How the embedded store's journal writes and opens: {@code CASCADE_STORE_DURABILITY} ({@code process}, the
     * default: an answered write survives a killed process; {@code fsync}: it also survives a power cut, each group
     * commit waiting for the disk) and {@code CASCADE_STORE_ON_CORRUPTION} ({@code refuse}, the default: a journal
     * damaged in the middle stops the start with the offset; {@code recover}: start with the records before it and
     * keep the original file aside). See {@link Journal}.
     */
    static Journal.Options storeJournal(Map<String, String> env) {
        String durability = blankToNull(env.get("CASCADE_STORE_DURABILITY"));
        String onCorruption = blankToNull(env.get("CASCADE_STORE_ON_CORRUPTION"));
        return Journal.Options.DEFAULT
                .withDurability(durability == null ? Journal.Durability.PROCESS : Journal.Durability.parse(durability))
                .withOnCorruption(onCorruption == null ? Journal.OnCorruption.REFUSE
                        : Journal.OnCorruption.parse(onCorruption));
    }

    /**
     * From how many milliseconds a store command is logged with its filter ({@code CASCADE_STORE_SLOW_MS}; 100 by
     * default, as MongoDB's {@code slowms}; a negative value logs none).
     */
    static long storeSlowMillis(Map<String, String> env) {
        String value = blankToNull(env.get("CASCADE_STORE_SLOW_MS"));
        try {
            return value == null ? JournaledBackend.DEFAULT_SLOW_MILLIS : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CASCADE_STORE_SLOW_MS must be a whole number of milliseconds, not '"
                    + value + "'", e);
        }
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
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

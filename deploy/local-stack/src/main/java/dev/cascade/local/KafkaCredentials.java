package dev.cascade.local;

import dev.cascade.local.CascadeServices.Service;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local broker's SASL/SCRAM-SHA-512 principals and their passwords: generated once per broker data directory and
 * kept in {@code <kafka dir>/credentials.properties} (readable by its owner only), so a restart, a second start of the
 * stack and the ministry's {@code kcat} all use the same ones, and deleting {@code .cascade} gives new ones. A data
 * directory from an older run gets what it is missing the next time the stack starts.
 * <p>
 * Principals: {@code broker} (the broker itself: inter-broker SCRAM, and SASL/PLAIN on its controller listener),
 * {@code admin} (the stack's own set-up, topic creation, tests), one per service ({@code plan-service}, …), and
 * {@code ministry} (read-only, {@code cascade.aggregates.v1} only).
 */
public final class KafkaCredentials {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String BROKER = "broker";
    public static final String ADMIN = "admin";
    public static final String MINISTRY = "ministry";
    /** The group prefix the ministry principal may use: {@code ministry.<anything>}. */
    public static final String MINISTRY_GROUP_PREFIX = "ministry.";
    static final String FILE = "credentials.properties";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Map<String, String> passwords;

    private KafkaCredentials(Path file, Map<String, String> passwords) {
        this.file = file;
        this.passwords = passwords;
    }

    /** Every principal the local broker knows: the broker, admin, the four services, the ministry. */
    public static List<String> principals() {
        List<String> principals = new ArrayList<>(List.of(BROKER, ADMIN));
        for (Service service : Service.values()) {
            principals.add(service.id);
        }
        principals.add(MINISTRY);
        return principals;
    }

    /** Reads {@code <kafkaDir>/credentials.properties}, adding (and saving) a password for every principal missing. */
    public static synchronized KafkaCredentials load(Path kafkaDir) throws IOException {
        Files.createDirectories(kafkaDir);
        Path file = kafkaDir.resolve(FILE);
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(reader);
            }
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        boolean added = false;
        for (String principal : principals()) {
            String password = stored.getProperty(principal);
            if (password == null || password.isBlank()) {
                password = newPassword();
                added = true;
            }
            passwords.put(principal, password);
        }
        if (added) {
            save(file, passwords);
        }
        return new KafkaCredentials(file, passwords);
    }

    /** The credentials kept in {@code <kafkaDir>}, if a local broker has made them there; nothing is written. */
    public static java.util.Optional<KafkaCredentials> existing(Path kafkaDir) throws IOException {
        Path file = kafkaDir.resolve(FILE);
        if (!Files.isReadable(file)) {
            return java.util.Optional.empty();
        }
        Properties stored = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            stored.load(reader);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        stored.stringPropertyNames().forEach(name -> passwords.put(name, stored.getProperty(name)));
        return java.util.Optional.of(new KafkaCredentials(file, passwords));
    }

    private static void save(Path file, Map<String, String> passwords) throws IOException {
        Path temporary = file.resolveSibling(FILE + ".new");
        Files.deleteIfExists(temporary);
        OwnerOnlyFiles.create(temporary);
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write("# SASL/SCRAM-SHA-512 passwords of the local Kafka broker (local use only; generated once for\n");
            writer.write("# this data directory). The ministry's consumer uses the principal 'ministry'.\n");
            for (Map.Entry<String, String> entry : passwords.entrySet()) {
                writer.write(entry.getKey() + "=" + entry.getValue() + "\n");
            }
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** 24 random bytes, URL-safe Base64: letters, digits, '-' and '_' only (safe in JAAS quotes and kcat options). */
    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Path file() {
        return file;
    }

    public String password(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka principal " + principal);
        }
        return password;
    }

    Map<String, String> passwords() {
        return Map.copyOf(passwords);
    }

    /** Client settings (producer, consumer, admin) that authenticate as {@code principal} over SASL/SCRAM-SHA-512. */
    public Map<String, Object> client(String principal) {
        return scram(principal, password(principal));
    }

    /** The same for any name and password, e.g. a wrong one. */
    public static Map<String, Object> scram(String principal, String password) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas("org.apache.kafka.common.security.scram.ScramLoginModule",
                principal, password));
        return settings;
    }

    /** {@code client(principal)} with {@code bootstrap.servers}. */
    public Map<String, Object> client(String bootstrap, String principal) {
        Map<String, Object> settings = client(principal);
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return settings;
    }

    static String jaas(String loginModule, String principal, String password, String... more) {
        StringBuilder jaas = new StringBuilder(loginModule).append(" required username=\"").append(quote(principal))
                .append("\" password=\"").append(quote(password)).append('"');
        for (String option : more) {
            jaas.append(' ').append(option);
        }
        return jaas.append(';').toString();
    }

    static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * What each service is given so that it connects as its own principal: {@code CASCADE_KAFKA_USERNAME} and
     * {@code CASCADE_KAFKA_PASSWORD} (platform's defaults turn them into the binder's SASL settings).
     */
    public Map<String, String> serviceSettings(Service service) {
        return Map.of("CASCADE_KAFKA_USERNAME", service.id, "CASCADE_KAFKA_PASSWORD", password(service.id));
    }

    /** {@code specific} with each service's own Kafka credential added. */
    public Map<Service, Map<String, ?>> addTo(Map<Service, ? extends Map<String, ?>> specific) {
        Map<Service, Map<String, ?>> with = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            Map<String, ?> given = specific.get(service);
            if (given != null) {
                properties.putAll(given);
            }
            properties.putAll(serviceSettings(service));
            with.put(service, properties);
        }
        return with;
    }
}

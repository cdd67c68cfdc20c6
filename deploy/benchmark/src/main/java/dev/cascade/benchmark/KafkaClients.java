package dev.cascade.benchmark;

import dev.cascade.local.KafkaCredentials;
import org.apache.kafka.clients.CommonClientConfigs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The settings of the benchmark's own Kafka clients: the bootstrap servers and, for the local stack's locked broker,
 * a credential. The local broker's {@code admin} (the raw baseline creates and deletes its scratch topic; dead-letter
 * counts and group lags are read with an admin client) and {@code ministry} (the aggregate watcher only reads
 * {@code cascade.aggregates.v1}); their passwords are read from {@code $CASCADE_HOME/kafka/credentials.properties}
 * (default {@code .cascade}), where the local stack keeps them. {@code CASCADE_KAFKA_USERNAME} and
 * {@code CASCADE_KAFKA_PASSWORD} name another principal for both; with neither, plaintext as before. A chaos run
 * registers its own stack's broker.
 */
final class KafkaClients {

    private static final Map<String, KafkaCredentials> REGISTERED = new ConcurrentHashMap<>();
    private static final AtomicBoolean WARNED_NO_CREDENTIALS = new AtomicBoolean();

    private KafkaClients() {
    }

    /** The broker at {@code bootstrap} keeps {@code credentials} (a stack this program started itself). */
    static void register(String bootstrap, KafkaCredentials credentials) {
        REGISTERED.put(bootstrap, credentials);
    }

    /** Settings for an administrative client (topics, offsets, groups). */
    static Map<String, Object> admin(String bootstrap) {
        return settings(bootstrap, KafkaCredentials.ADMIN);
    }

    /** Settings for a client that only reads {@code cascade.aggregates.v1}. */
    static Map<String, Object> ministry(String bootstrap) {
        return settings(bootstrap, KafkaCredentials.MINISTRY);
    }

    /**
     * The environment that makes a service started by the benchmark (the replay instance) connect as the
     * administrative principal: {@code CASCADE_KAFKA_USERNAME} and {@code CASCADE_KAFKA_PASSWORD}, as the platform
     * reads them; empty for a broker without authentication.
     */
    static Map<String, String> adminServiceEnvironment(String bootstrap) {
        Map<String, String> env = System.getenv();
        String username = env.getOrDefault("CASCADE_KAFKA_USERNAME", "");
        String password = env.getOrDefault("CASCADE_KAFKA_PASSWORD", "");
        if (!username.isBlank() && !password.isEmpty()) {
            return Map.of("CASCADE_KAFKA_USERNAME", username.strip(), "CASCADE_KAFKA_PASSWORD", password);
        }
        return credentials(bootstrap).map(c -> Map.of("CASCADE_KAFKA_USERNAME", KafkaCredentials.ADMIN,
                "CASCADE_KAFKA_PASSWORD", c.password(KafkaCredentials.ADMIN))).orElse(Map.of());
    }

    private static Map<String, Object> settings(String bootstrap, String principal) {
        Map<String, Object> settings = new HashMap<>();
        Map<String, String> env = System.getenv();
        String username = env.getOrDefault("CASCADE_KAFKA_USERNAME", "");
        String password = env.getOrDefault("CASCADE_KAFKA_PASSWORD", "");
        if (!username.isBlank() && !password.isEmpty()) {
            settings.putAll(KafkaCredentials.scram(username.strip(), password));
        } else {
            credentials(bootstrap).ifPresent(credentials -> settings.putAll(credentials.client(principal)));
        }
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return settings;
    }

    private static Optional<KafkaCredentials> credentials(String bootstrap) {
        KafkaCredentials registered = REGISTERED.get(bootstrap);
        if (registered != null) {
            return Optional.of(registered);
        }
        Path directory = Path.of(System.getenv().getOrDefault("CASCADE_HOME", ".cascade")).resolve("kafka");
        try {
            Optional<KafkaCredentials> found = KafkaCredentials.existing(directory);
            if (found.isEmpty() && !WARNED_NO_CREDENTIALS.getAndSet(true)) {
                // a locked broker answers a client without credentials with nothing at all: its calls time out
                System.err.println("No Kafka credentials in " + directory.toAbsolutePath() + ": connecting to "
                        + bootstrap + " without authentication. Against a local stack, set CASCADE_HOME to its data"
                        + " directory (or CASCADE_KAFKA_USERNAME and CASCADE_KAFKA_PASSWORD).");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

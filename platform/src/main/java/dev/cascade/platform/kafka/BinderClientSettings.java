package dev.cascade.platform.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka client settings taken from the binder's configuration ({@code spring.cloud.stream.kafka.binder.brokers},
 * {@code .configuration} and {@code .producer-properties}), so that the platform's own clients (the dead-letter
 * producer, the admin client that sizes dead-letter topics) reach the same cluster the same way as the bindings.
 */
public final class BinderClientSettings {

    private static final String PREFIX = "spring.cloud.stream.kafka.binder";

    private BinderClientSettings() {
    }

    public static Map<String, Object> common(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, Object> settings = new HashMap<>(binder.bind(PREFIX + ".configuration",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        String brokers = String.join(",", binder.bind(PREFIX + ".brokers", Bindable.listOf(String.class))
                .orElse(java.util.List.of("localhost:9092")));
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        return settings;
    }

    public static Map<String, Object> producer(Environment environment) {
        Map<String, Object> settings = common(environment);
        settings.putAll(Binder.get(environment).bind(PREFIX + ".producer-properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        return settings;
    }
}

package dev.cascade.notification.contact;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * {@code cascade.notifications.webhooks.*}: where webhooks may point.
 *
 * @param allowHttp    whether plain {@code http} URLs are accepted besides {@code https} (default false: a webhook
 *                     carries unit names and deadlines, which must not cross a network in clear text)
 * @param deniedHosts  (default {@link #DEFAULT_DENIED_HOSTS}) host names that are the stack's own (the broker, the store, the SMTP relay, the services, the
 *                     identity provider, the monitoring); an entry starting with {@code .} denies every name under it
 *                     ({@code .svc} denies {@code mongo.db.svc}); matched case-insensitively
 * @param allowedHosts host names exempt from every address check, as written in the URL: for tests and a
 *                     deliberately internal receiver only; empty by default
 */
@ConfigurationProperties("cascade.notifications.webhooks")
public record WebhookSettings(
        @DefaultValue("false") boolean allowHttp,
        List<String> deniedHosts,
        @DefaultValue({}) List<String> allowedHosts) {

    /** The stack's own host names (compose, Kubernetes, the local stack) and internal domains. */
    public static final List<String> DEFAULT_DENIED_HOSTS = List.of("localhost", ".localhost",
            "localhost.localdomain", ".local", ".internal", ".svc", ".cluster.local", "kafka", "kafka-init", "mongo",
            "mailpit", "zipkin", "prometheus", "grafana", "identity", "plan-service", "report-service",
            "aggregation-service", "notification-service", "cascade-kafka-bootstrap.kafka.svc",
            "cascade-mongodb-svc.mongodb.svc", "smtp-relay.mail.svc");

    public WebhookSettings {
        deniedHosts = deniedHosts == null ? DEFAULT_DENIED_HOSTS : deniedHosts.stream().map(WebhookSettings::normal).toList();
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(WebhookSettings::normal).filter(h -> !h.isEmpty()).toList();
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    static String normal(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}

package dev.cascade.local;

import dev.cascade.identity.IdentityApplication;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local identity provider (deploy/identity) as a Spring context of its own in the stack's JVM, started before the
 * services so that their issuer answers when they first ask for its keys. Its demo users are made from the same unit
 * files plan-service imports (plan-service's own copies on this class path), its signing key is kept in
 * {@code <home>/identity} so that tokens survive a restart of the stack.
 * <p>
 * In this JVM rather than a process of its own: it starts in about a second without another JVM's memory on a small
 * machine, and the identity application configures itself from a fixed list of auto-configurations, so the platform
 * (resource-server security, Kafka, MongoDB) on the stack's class path does not reach it.
 */
final class IdentityProvider extends EmbeddedApplication {

    /** plan-service's unit lists and the demo seeds' agencies, as plan-service reads them from its jar. */
    static final List<String> PLAN_SERVICE_UNITS = List.of("classpath:units/admin-units-2025-03.csv",
            "classpath:units/admin-units-2025-07.csv", "classpath:demo/seed-plans.json");

    /**
     * Starts it on {@code port} (0: any free port) with the signing key in {@code dataDir} (null: in memory) and
     * {@code extra} properties (logging), and returns its issuer URL.
     */
    String start(int port, Path dataDir, Map<String, ?> extra) {
        Map<String, Object> properties = new LinkedHashMap<>(extra);
        properties.put("cascade.identity.port", port);
        // a fixed port names the issuer; on port 0 each request's own host and port do
        properties.put("cascade.identity.issuer", port == 0 ? "" : "http://localhost:" + port);
        if (dataDir != null) {
            properties.put("cascade.identity.data-dir", dataDir);
        }
        properties.put("cascade.identity.units", String.join(",", PLAN_SERVICE_UNITS));
        return run(IdentityApplication.builder(), properties);
    }

    /** Its issuer URL: where it answers. */
    String issuer() {
        return url();
    }
}

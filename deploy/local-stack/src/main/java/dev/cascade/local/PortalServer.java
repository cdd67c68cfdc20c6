package dev.cascade.local;

import dev.cascade.portal.PortalApplication;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The portal (portal/) as a Spring context of its own in the stack's JVM, started last, pointed at the issuer and the
 * four services. Like the identity provider it configures itself from a fixed list of auto-configurations, so the
 * services' platform on this class path does not reach it.
 */
final class PortalServer extends EmbeddedApplication {

    /** Starts it on {@code port} (0: any free port) and answers its URL. */
    String start(int port, String issuer, Map<String, String> serviceUrls, Map<String, ?> extra) {
        Map<String, Object> properties = new LinkedHashMap<>(extra);
        properties.put("cascade.portal.port", port);
        properties.put("cascade.portal.issuer-uri", issuer);
        serviceUrls.forEach((service, url) -> properties.put("cascade.portal.services." + service, url));
        return run(PortalApplication.builder(), properties);
    }
}

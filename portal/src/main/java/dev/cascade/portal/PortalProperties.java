package dev.cascade.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

import java.time.Duration;

/**
 * The portal's settings ({@code cascade.portal.*}, defaults in {@code portal.yml}).
 *
 * @param services     the four services' base URLs
 * @param callTimeout  how long a page waits for a service before it says the service did not answer
 */
@ConfigurationProperties("cascade.portal")
public record PortalProperties(Services services, Duration callTimeout) {

    /** The services' base URLs. */
    public record Services(URI plan, URI report, URI aggregation, URI notification) {
    }
}

package dev.cascade.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the local identity provider ({@code cascade.identity.*}; defaults in {@code identity.yml}).
 *
 * @param port              the HTTP port (9000)
 * @param issuer            the issuer URL put into every token and the discovery document
 *                          ({@code http://localhost:<port>}); empty: taken from each request (tests on a random port)
 * @param dataDir           where the signing key is kept across restarts; unset: a new key in memory at every start
 * @param units             unit files read into the {@link UnitDirectory} (CSV unit lists, JSON with {@code agencies})
 * @param tokenLifetime     how long an access token is valid (1 hour)
 * @param cliSecret         the secret of client {@code cascade-cli}
 * @param portalSecret      the secret of client {@code cascade-portal}
 * @param portalRedirectUri where the portal receives its authorization code
 */
@ConfigurationProperties("cascade.identity")
public record IdentityProperties(int port, String issuer, Path dataDir, List<String> units, Duration tokenLifetime,
                                 String cliSecret, String portalSecret, String portalRedirectUri) {
}

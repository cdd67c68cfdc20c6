package dev.cascade.notification;

import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Real tokens of the test issuer ({@link TestIssuer}) for the person who may make a request, so that the tests
 * about what the service does meet the rule they are about, not the access rules (those are
 * {@code AuthorizationMatrixIT}'s): an inbox ({@code /inbox/{user}…}) is its own user's, a token whose subject is
 * {@code user}; everything else (contacts, policies, the delivery log) is the national administrator's
 * ({@code admin}, ADMIN of {@code BGDDT}, above every unit and every programme's issuer).
 */
public final class FittingTokens {

    /** The header that asks {@link #fitting()} to send no token at all. */
    public static final String NO_TOKEN = "X-Test-No-Token";
    private static final TestIssuer ISSUER = TestIssuer.shared();

    private FittingTokens() {
    }

    /** {@code Authorization} of the national administrator. */
    public static String admin() {
        return ISSUER.bearer("admin", "BGDDT", Role.ADMIN);
    }

    /** {@code Authorization} of the inbox's own user: a clerk of commune 10825 whose subject is {@code user}. */
    public static String inboxUser(String user) {
        return ISSUER.bearer(user, "10825", Role.REPORTER);
    }

    /** {@code Authorization} fitting a request to {@code path} (encoded, with or without a query). */
    public static String bearerFor(String path) {
        if (path.startsWith("/inbox/")) {
            String segment = path.substring("/inbox/".length()).split("[/?]", 2)[0];
            return inboxUser(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return admin();
    }

    /**
     * Adds the fitting token to a MockMvc request that carries no {@code Authorization} of its own; a request with
     * {@link #NO_TOKEN} goes without one.
     */
    public static RequestPostProcessor fitting() {
        return request -> {
            if (request.getHeader(NO_TOKEN) != null) {
                request.removeHeader(NO_TOKEN);
            } else if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                request.addHeader(HttpHeaders.AUTHORIZATION, bearerFor(request.getRequestURI()));
            }
            return request;
        };
    }
}

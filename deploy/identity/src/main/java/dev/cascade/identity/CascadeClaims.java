package dev.cascade.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.ArrayList;
import java.util.List;

/**
 * What a Cascade token says about its person (the contract of issue 13): {@code cascade_unit} (the unit they work
 * for), {@code cascade_roles} (a JSON array), {@code name} and {@code preferred_username}; {@code sub} is the user
 * name. Access tokens are addressed to {@value #AUDIENCE} (the audience every service checks) besides the client.
 * ID tokens carry the same person claims (and so does userinfo, which serves the ID token's claims) but stay
 * addressed to the client alone, as OpenID Connect wants. A client's own token (client_credentials) has no person.
 */
public final class CascadeClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String AUDIENCE = "cascade";
    public static final String UNIT = "cascade_unit";
    public static final String ROLES = "cascade_roles";

    private final DemoUsers users;

    public CascadeClaims(DemoUsers users) {
        this.users = users;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        if (accessToken) {
            List<String> audience = new ArrayList<>();
            audience.add(context.getRegisteredClient().getClientId());
            audience.add(AUDIENCE);
            context.getClaims().audience(audience);
        }
        person(context.getPrincipal()).ifPresent(user -> context.getClaims().claims(claims -> {
            claims.put(UNIT, user.unitCode());
            claims.put(ROLES, user.roles());
            claims.put("name", user.displayName());
            claims.put("preferred_username", user.getUsername());
        }));
    }

    /** The demo user behind a token, whether they logged in now or earlier (a refresh keeps the first principal). */
    private java.util.Optional<DemoUser> person(Authentication principal) {
        if (principal == null) {
            return java.util.Optional.empty();
        }
        if (principal.getPrincipal() instanceof DemoUser user) {
            return java.util.Optional.of(user);
        }
        return users.find(principal.getName());
    }
}

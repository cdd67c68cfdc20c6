package dev.cascade.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The extension grant {@value #GRANT_TYPE} of the local identity provider: a client that may use it (cascade-cli)
 * exchanges a demo user's name and password for that user's access token in one request, so that a script or a
 * README line can act as any demo user. It is the resource-owner password grant that OAuth 2.1 removed, kept to a
 * local demo issuer on purpose: people log in through the portal (authorization code with PKCE).
 * Built as Spring Authorization Server's guide "Implement an Extension Authorization Grant Type" describes.
 */
public final class DemoUserGrant {

    public static final String GRANT_TYPE = "urn:cascade:grant-type:demo-user";
    public static final AuthorizationGrantType DEMO_USER = new AuthorizationGrantType(GRANT_TYPE);
    static final String USERNAME = "username";
    static final String PASSWORD = "password";

    private DemoUserGrant() {
    }

    /** The grant as the token endpoint received it: the authenticated client, the user name and password, scopes. */
    public static final class Request extends OAuth2AuthorizationGrantAuthenticationToken {

        private final String username;
        private final String password;
        private final Set<String> scopes;

        Request(Authentication client, String username, String password, Set<String> scopes,
                Map<String, Object> additionalParameters) {
            super(DEMO_USER, client, additionalParameters);
            this.username = username;
            this.password = password;
            this.scopes = Set.copyOf(scopes);
        }

        public String username() {
            return username;
        }

        String password() {
            return password;
        }

        public Set<String> scopes() {
            return scopes;
        }
    }

    /** Reads {@code grant_type}, {@code username}, {@code password} and the optional {@code scope} of a token request. */
    public static final class Converter implements AuthenticationConverter {

        @Override
        public Authentication convert(HttpServletRequest request) {
            if (!GRANT_TYPE.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
                return null;
            }
            String username = single(request, USERNAME);
            String password = single(request, PASSWORD);
            String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
            Set<String> scopes = StringUtils.hasText(scope)
                    ? new LinkedHashSet<>(Arrays.asList(StringUtils.delimitedListToStringArray(scope, " ")))
                    : Set.of();
            Authentication client = SecurityContextHolder.getContext().getAuthentication();
            return new Request(client, username, password, scopes, Map.of());
        }

        private static String single(HttpServletRequest request, String name) {
            String[] values = request.getParameterValues(name);
            if (values == null || values.length != 1 || !StringUtils.hasText(values[0])) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "OAuth 2.0 Parameter: " + name + " (exactly one)", null));
            }
            return values[0];
        }
    }

    /**
     * Checks the client (authenticated, allowed this grant), then the user name and password against
     * {@link DemoUsers}; a wrong password or an unknown user is {@code invalid_grant} (400). Issues an access token
     * made by the server's token generator (so the claims customizer applies) and records the authorization.
     */
    public static final class Provider implements AuthenticationProvider {

        private final DemoUsers users;
        private final PasswordEncoder passwords;
        private final OAuth2AuthorizationService authorizations;
        private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;

        public Provider(DemoUsers users, PasswordEncoder passwords, OAuth2AuthorizationService authorizations,
                        OAuth2TokenGenerator<? extends OAuth2Token> tokens) {
            this.users = users;
            this.passwords = passwords;
            this.authorizations = authorizations;
            this.tokens = tokens;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            Request grant = (Request) authentication;
            RegisteredClient client = authenticatedClient(grant);
            if (!client.getAuthorizationGrantTypes().contains(DEMO_USER)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
            }
            Set<String> scopes = grant.scopes();
            if (!client.getScopes().containsAll(scopes)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_SCOPE);
            }
            DemoUser user = users.find(grant.username())
                    .filter(found -> passwords.matches(grant.password(), found.getPassword()))
                    .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                            "unknown demo user or wrong password", null)));
            Authentication principal = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());

            OAuth2Token token = tokens.generate(DefaultOAuth2TokenContext.builder()
                    .registeredClient(client)
                    .principal(principal)
                    .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                    .authorizedScopes(scopes)
                    .tokenType(OAuth2TokenType.ACCESS_TOKEN)
                    .authorizationGrantType(DEMO_USER)
                    .authorizationGrant(grant)
                    .build());
            if (token == null) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
                        "the token generator made no access token", null));
            }
            OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                    token.getTokenValue(), token.getIssuedAt(), token.getExpiresAt(), scopes);
            OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
                    .principalName(user.getUsername())
                    .authorizationGrantType(DEMO_USER)
                    .authorizedScopes(scopes)
                    .attribute(java.security.Principal.class.getName(), principal);
            if (token instanceof org.springframework.security.oauth2.core.ClaimAccessor claims) {
                authorization.token(accessToken, metadata ->
                        metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims()));
            } else {
                authorization.accessToken(accessToken);
            }
            authorizations.save(authorization.build());
            return new OAuth2AccessTokenAuthenticationToken(client, (Authentication) grant.getPrincipal(), accessToken);
        }

        private static RegisteredClient authenticatedClient(Request grant) {
            if (grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
                    && client.getRegisteredClient() != null
                    && !ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())) {
                return client.getRegisteredClient();
            }
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return Request.class.isAssignableFrom(authentication);
        }
    }
}

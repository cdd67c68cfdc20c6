package dev.cascade.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.util.StringUtils;

import java.time.Duration;
import java.util.UUID;

/**
 * Spring Authorization Server, set up for Cascade: two clients, the demo-user grant, Cascade's claims, a signing key
 * that survives restarts, and a login form for the authorization code flow.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(IdentityProperties.class)
class AuthorizationServer {

    static final String CLI = "cascade-cli";
    static final String PORTAL = "cascade-portal";

    /** The protocol endpoints (token, authorize, JWKS, discovery, userinfo); a browser that must log in goes to /login. */
    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, DemoUsers users, PasswordEncoder passwords,
                                          OAuth2AuthorizationService authorizations,
                                          OAuth2TokenGenerator<? extends OAuth2Token> tokens) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.tokenEndpoint(token -> token
                                    .accessTokenRequestConverter(new DemoUserGrant.Converter())
                                    .authenticationProvider(new DemoUserGrant.Provider(users, passwords, authorizations, tokens)))
                            .oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(context ->
                                    new OidcUserInfo(context.getAuthorization().getToken(
                                            org.springframework.security.oauth2.core.oidc.OidcIdToken.class)
                                            .getToken().getClaims()))));
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                // userinfo is called with the access token
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /** Everything else: the login form of the authorization code flow. */
    @Bean
    @Order(2)
    SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/error", "/favicon.ico", "/actuator/health/**", "/actuator/health").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UnitDirectory unitDirectory(IdentityProperties properties) {
        return UnitFiles.read(properties.units());
    }

    @Bean
    DemoUsers demoUsers(UnitDirectory units) {
        return new DemoUsers(units);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties) {
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.tokenLifetime())
                .refreshTokenTimeToLive(Duration.ofHours(8)).reuseRefreshTokens(false).build();
        RegisteredClient cli = RegisteredClient.withId(UUID.nameUUIDFromBytes(CLI.getBytes()).toString())
                .clientId(CLI)
                .clientSecret("{noop}" + properties.cliSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(DemoUserGrant.DEMO_USER)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(OidcScopes.PROFILE)
                .tokenSettings(tokens)
                .build();
        RegisteredClient portal = RegisteredClient.withId(UUID.nameUUIDFromBytes(PORTAL.getBytes()).toString())
                .clientId(PORTAL)
                .clientSecret("{noop}" + properties.portalSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(properties.portalRedirectUri())
                // where the portal's logout comes back to: its "logged out" page beside the redirect URI
                .postLogoutRedirectUri(properties.portalRedirectUri().replaceFirst("/login/oauth2/code/[^/]+$", "/signed-out"))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build();
        return new InMemoryRegisteredClientRepository(cli, portal);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(RegisteredClientRepository clients) {
        return new InMemoryOAuth2AuthorizationService();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        RSAKey key = SigningKey.load(properties.dataDir());
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> keys) {
        return new NimbusJwtEncoder(keys);
    }

    @Bean
    OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JwtEncoder encoder, DemoUsers users) {
        JwtGenerator jwt = new JwtGenerator(encoder);
        jwt.setJwtCustomizer(new CascadeClaims(users));
        return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2RefreshTokenGenerator());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (StringUtils.hasText(properties.issuer())) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }
}

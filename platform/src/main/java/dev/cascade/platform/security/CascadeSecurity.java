package dev.cascade.platform.security;

import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.JWTProcessor;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every service is an OAuth2 resource server of one OpenID Connect issuer ({@code CASCADE_ISSUER_URI}): a request
 * needs a valid bearer token (signed by the issuer's keys, found by discovery and cached; issuer, audience and expiry
 * checked), except health, info and the Prometheus scrape, which probes and scrapers reach without one (a deployment
 * keeps them off the public network by network policy), and the OpenAPI document. Without a valid token: 401 with
 * {@code WWW-Authenticate} and a problem document. What a valid token allows is decided by {@link AccessRules}
 * against the service's {@link UnitHierarchy}.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(CascadeSecurity.SecurityProperties.class)
public class CascadeSecurity {

    /** Paths served without a token. */
    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error"};

    /** {@code cascade.security.*}. */
    @ConfigurationProperties("cascade.security")
    public static class SecurityProperties {

        /** The OpenID Connect issuer whose tokens the service accepts ({@code CASCADE_ISSUER_URI}). */
        private String issuerUri;
        /** The audience a token must carry. */
        private String audience = "cascade";
        /** The national unit, whose ADMIN alone imports units and extends the indicator catalogue. */
        private String nationalUnit = "BGDDT";
        /** How long a unit's place is remembered by the access rules. */
        private Duration hierarchyCache = Duration.ofSeconds(60);

        public String getIssuerUri() {
            return issuerUri;
        }

        public void setIssuerUri(String issuerUri) {
            this.issuerUri = issuerUri;
        }

        public String getAudience() {
            return audience;
        }

        public void setAudience(String audience) {
            this.audience = audience;
        }

        public String getNationalUnit() {
            return nationalUnit;
        }

        public void setNationalUnit(String nationalUnit) {
            this.nationalUnit = nationalUnit;
        }

        public Duration getHierarchyCache() {
            return hierarchyCache;
        }

        public void setHierarchyCache(Duration hierarchyCache) {
            this.hierarchyCache = hierarchyCache;
        }
    }

    /**
     * Spring Security makes no observations at all, so it does not even wrap its filters for them. Its observations
     * are off already ({@code management.observations.enable.spring.security=false}, {@code PlatformDefaults}), but
     * without this setting Spring Security still decorated each of its filters, the authentication and the
     * authorization on every request, only to find each observation disabled by that property (about 1 % of
     * report-service's request samples in a JFR profile of a burst, issue 16).
     */
    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings cascadeSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder cascadeJwtDecoder(SecurityProperties settings) {
        String issuer = settings.getIssuerUri();
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("cascade.security.issuer-uri is not set: name the OpenID Connect issuer "
                    + "whose tokens this service accepts (environment variable CASCADE_ISSUER_URI)");
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>("aud",
                        audience -> audience != null && audience.contains(settings.getAudience())));
        // discovery happens at the first request, so that a service starts while its issuer is still starting
        return new SupplierJwtDecoder(() -> TokensParsedOnce.of(new JdkDecodedTokens(processorOf(issuer)), validator));
    }

    /**
     * The token processor Spring Security configures for the issuer (discovery, the cached key set, the algorithms it
     * publishes), with each key converted once ({@link VerificationKeysOnce}).
     */
    private static JWTProcessor<SecurityContext> processorOf(String issuer) {
        AtomicReference<JWTProcessor<SecurityContext>> configured = new AtomicReference<>();
        NimbusJwtDecoder.withIssuerLocation(issuer).jwtProcessorCustomizer(processor -> {
            if (processor.getJWSKeySelector() instanceof JWSVerificationKeySelector<SecurityContext> nimbus) {
                processor.setJWSKeySelector(new VerificationKeysOnce(nimbus));
            }
            configured.set(processor);
        }).build();
        return configured.get();
    }

    @Bean
    SecurityFilterChain cascadeSecurityFilterChain(HttpSecurity http, JsonMapper json) throws Exception {
        SecurityProblems problems = new SecurityProblems(json);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(OPEN).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(CascadeSecurity::authentication))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    private static AbstractAuthenticationToken authentication(Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return new JwtAuthenticationToken(jwt, caller.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList(), caller.subject());
    }

    @Bean
    @ConditionalOnBean(UnitHierarchy.class)
    @ConditionalOnMissingBean
    AccessRules cascadeAccessRules(UnitHierarchy hierarchy, SecurityProperties settings,
                                   ObjectProvider<Clock> clock) {
        return new AccessRules(hierarchy, settings.getNationalUnit(), clock.getIfAvailable(Clock::systemUTC),
                settings.getHierarchyCache());
    }

    /** Controller methods take the {@link Caller} as a parameter. */
    @Bean
    WebMvcConfigurer cascadeCallerParameter() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerParameter());
            }
        };
    }
}

package dev.cascade.portal.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what in the portal itself: everything but the static files, the health probe and the error page needs
 * a login through the issuer (authorization code with PKCE, also for this confidential client). What a person may do
 * is decided by the services, with the person's own token; the portal only hides what the services would refuse.
 * Forms carry a CSRF token (Thymeleaf adds it to every {@code th:action} form, htmx sends it as a header).
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    /** The registration id of the issuer in {@code spring.security.oauth2.client.registration}. */
    static final String REGISTRATION = dev.cascade.portal.api.PortalTokens.REGISTRATION;

    @Bean
    SecurityFilterChain portal(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webjars/**", "/static/**", "/favicon.ico", "/error", "/assets/**", "/signed-out",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver)))
                .logout(logout -> logout.logoutSuccessHandler(new IssuerLogout(registrations)));
        return http.build();
    }
}

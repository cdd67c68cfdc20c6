package dev.cascade.portal.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * The person's tokens from the issuer: the authorization code flow's access token, refreshed with the refresh token
 * when it runs out, kept in the person's server-side session.
 */
@Configuration(proxyBeanMethods = false)
public class PortalTokens {

    /** The issuer's registration id ({@code spring.security.oauth2.client.registration.cascade}). */
    public static final String REGISTRATION = "cascade";

    /** The tokens live in the person's session: gone at logout or when the session ends, never shared between sessions. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
                                                    OAuth2AuthorizedClientRepository authorized) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorized);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    /** The person's current access token (refreshed if needed), for a call the portal makes itself (a live feed). */
    public static String accessToken(OAuth2AuthorizedClientManager manager, Authentication person) {
        OAuth2AuthorizedClient client = manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                .principal(person).build());
        if (client == null) {
            throw new IllegalStateException("no token for " + person.getName());
        }
        return client.getAccessToken().getTokenValue();
    }
}

package dev.cascade.portal.web;

import dev.cascade.portal.api.PortalTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.URI;

/**
 * Logging out of the portal also ends the session at the issuer (OpenID Connect RP-initiated logout), so that the
 * next person at the same browser must log in again; the issuer sends the browser back to {@code /signed-out}.
 * <p>
 * The issuer's {@code end_session_endpoint} comes from its discovery document. Where the browser reaches the issuer
 * at another address than the portal does (compose: {@code identity:9000} inside, {@code localhost:9000} outside, the
 * authorization URI set apart), the browser is sent to the end-session path at the authorization URI's address.
 * An issuer without an end-session endpoint: only the portal's session ends.
 */
final class IssuerLogout implements LogoutSuccessHandler {

    private final ClientRegistrationRepository registrations;

    IssuerLogout(ClientRegistrationRepository registrations) {
        this.registrations = registrations;
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        String signedOut = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                .replacePath(request.getContextPath() + "/signed-out").replaceQuery(null).build().toUriString();
        ClientRegistration registration = registrations.findByRegistrationId(PortalTokens.REGISTRATION);
        Object endSession = registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (endSession == null || !(authentication != null && authentication.getPrincipal() instanceof OidcUser user)) {
            response.sendRedirect(signedOut);
            return;
        }
        URI end = URI.create(endSession.toString());
        URI browserFacing = URI.create(registration.getProviderDetails().getAuthorizationUri());
        String target = UriComponentsBuilder.fromUri(end).scheme(browserFacing.getScheme()).host(browserFacing.getHost())
                .port(browserFacing.getPort())
                .queryParam("id_token_hint", user.getIdToken().getTokenValue())
                .queryParam("client_id", registration.getClientId())
                .queryParam("post_logout_redirect_uri", signedOut)
                .encode().build().toUriString();
        response.sendRedirect(target);
    }
}

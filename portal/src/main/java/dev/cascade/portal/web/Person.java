package dev.cascade.portal.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;

/**
 * The signed-in person as the issuer's ID token names them: user name ({@code sub}), display name, unit and roles
 * ({@code cascade_unit}, {@code cascade_roles}). The portal uses them only to choose what to show; every service
 * checks the access token itself.
 */
public record Person(String user, String name, String unitCode, List<String> roles) {

    public static Person of(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser oidc)) {
            return null;
        }
        Object roles = oidc.getClaims().get("cascade_roles");
        List<String> list = roles instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        String name = oidc.getClaimAsString("name");
        return new Person(oidc.getSubject(), name == null ? oidc.getSubject() : name,
                oidc.getClaimAsString("cascade_unit"), list);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean reporter() {
        return has("REPORTER");
    }

    public boolean reviewer() {
        return has("REVIEWER");
    }

    /** May read the roll-ups beneath their unit (reviewers and viewers), or at least their own. */
    public boolean readsBeneath() {
        return has("REVIEWER") || has("VIEWER");
    }
}

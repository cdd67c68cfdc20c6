package dev.cascade.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The person a request comes from, as its token says: the subject, a name to show, the unit they work for and their
 * roles there. A controller method takes it as a parameter; it is never read from a request body or header.
 *
 * @param unitCode {@code null} when the token names no unit (then every unit rule refuses)
 */
public record Caller(String subject, String name, String unitCode, Set<Role> roles) {

    /** The claim that names the caller's unit. */
    public static final String UNIT_CLAIM = "cascade_unit";
    /** The claim that lists the caller's roles. */
    public static final String ROLES_CLAIM = "cascade_roles";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The caller a verified token describes; role names Cascade does not know are ignored. */
    public static Caller of(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> names = jwt.hasClaim(ROLES_CLAIM) ? jwt.getClaimAsStringList(ROLES_CLAIM) : List.of();
        for (String name : names == null ? List.<String>of() : names) {
            for (Role role : Role.values()) {
                if (role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        String name = jwt.getClaimAsString("name");
        if (name == null || name.isBlank()) {
            name = jwt.getClaimAsString("preferred_username");
        }
        return new Caller(jwt.getSubject(), name == null ? jwt.getSubject() : name,
                jwt.getClaimAsString(UNIT_CLAIM), roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}

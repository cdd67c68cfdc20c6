package dev.cascade.identity;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/**
 * A demo person: user name (the token's {@code sub}), display name, the unit they work for and their roles there.
 * Made on demand from the user name by {@link DemoUsers}; nothing is stored.
 */
public record DemoUser(String username, String displayName, String unitCode, List<String> roles, String password)
        implements UserDetails {

    public DemoUser {
        roles = List.copyOf(roles);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public String getUsername() {
        return username;
    }
}

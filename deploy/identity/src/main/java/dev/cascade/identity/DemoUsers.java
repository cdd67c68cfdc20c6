package dev.cascade.identity;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo users of the local identity provider, made from the user name when someone logs in (10,000 units would
 * be 30,000 users; none is kept in memory):
 * <ul>
 *   <li>{@code reporter-<unit>}: REPORTER of any unit;</li>
 *   <li>{@code reviewer-<unit>}, {@code planner-<unit>}: REVIEWER, PLANNER of a district, a province or the ministry
 *       ({@code BGDDT});</li>
 *   <li>{@code viewer-<unit>}: VIEWER of any unit ({@code viewer-BGDDT} is the ministry's analyst);</li>
 *   <li>{@code admin}: ADMIN of the ministry, the national administrator; {@code admin-<unit>}: ADMIN of any unit.</li>
 * </ul>
 * Every one has the password {@value #PASSWORD}. For the local stack only: a deployment uses its own issuer.
 */
public final class DemoUsers implements UserDetailsService {

    /** The one password of every demo user (local stack only). */
    public static final String PASSWORD = "demo";
    /** The national administrator's user name. */
    public static final String NATIONAL_ADMIN = "admin";

    private record RoleRule(String role, String title, boolean reviewingUnitsOnly) {
    }

    private static final Map<String, RoleRule> PREFIXES = Map.of(
            "reporter", new RoleRule("REPORTER", "Cán bộ báo cáo", false),
            "reviewer", new RoleRule("REVIEWER", "Cán bộ thẩm định", true),
            "planner", new RoleRule("PLANNER", "Cán bộ kế hoạch", true),
            "viewer", new RoleRule("VIEWER", "Chuyên viên theo dõi", false),
            "admin", new RoleRule("ADMIN", "Quản trị hệ thống", false));

    private final UnitDirectory units;

    public DemoUsers(UnitDirectory units) {
        this.units = units;
    }

    /** The demo user named {@code username}, or empty when there is none. */
    public Optional<DemoUser> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        if (NATIONAL_ADMIN.equals(username)) {
            return Optional.of(user(username, PREFIXES.get("admin"), UnitFiles.MINISTRY));
        }
        int dash = username.indexOf('-');
        if (dash <= 0 || dash == username.length() - 1) {
            return Optional.empty();
        }
        RoleRule rule = PREFIXES.get(username.substring(0, dash));
        String unit = username.substring(dash + 1);
        if (rule == null) {
            return Optional.empty();
        }
        return units.level(unit)
                .filter(level -> !rule.reviewingUnitsOnly() || level.reviews())
                .map(level -> user(username, rule, unit));
    }

    private DemoUser user(String username, RoleRule rule, String unit) {
        String title = UnitFiles.MINISTRY.equals(unit) && rule.role().equals("VIEWER") ? "Chuyên viên phân tích" : rule.title();
        return new DemoUser(username, title + ", " + units.name(unit), unit, List.of(rule.role()), "{noop}" + PASSWORD);
    }

    @Override
    public DemoUser loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("no demo user " + username
                + " (reporter-<unit>, viewer-<unit>, admin-<unit>, admin; reviewer-/planner-<district, province or BGDDT>)"));
    }
}

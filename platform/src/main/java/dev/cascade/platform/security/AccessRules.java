package dev.cascade.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The rules of who may do what, checked against the hierarchy the service holds ({@link UnitHierarchy}) for the day
 * the action concerns. Each check answers with the {@link Grant} that allows it or throws {@link AccessRefused}
 * naming the rule. Places are remembered for a short while ({@code cascade.security.hierarchy-cache}), since units
 * change a few times a year and a check runs on every request.
 */
public class AccessRules {

    /** How far up a walk goes before it gives up (a cycle in the units would otherwise never end). */
    private static final int MAX_DEPTH = 16;
    private static final int MAX_REMEMBERED = 200_000;
    private static final Set<Role> READS_BENEATH = EnumSet.of(Role.REVIEWER, Role.VIEWER);

    private final UnitHierarchy hierarchy;
    private final String nationalUnit;
    private final Clock clock;
    private final long rememberNanos;
    private final Map<String, Remembered> places = new ConcurrentHashMap<>();

    public AccessRules(UnitHierarchy hierarchy, String nationalUnit, Clock clock, Duration remember) {
        this.hierarchy = hierarchy;
        this.nationalUnit = nationalUnit;
        this.clock = clock;
        this.rememberNanos = remember.toNanos();
    }

    /** The national unit (the ministry), whose ADMIN alone imports units and extends the indicator catalogue. */
    public String nationalUnit() {
        return nationalUnit;
    }

    /** The caller holds {@code role} for exactly {@code unit}, and the unit exists on {@code day}. */
    public Grant actFor(Caller caller, Role role, String unit, LocalDate day) {
        String rule = role + " of unit " + unit;
        require(caller, role, rule);
        if (!unit.equals(caller.unitCode())) {
            throw refused(rule, "your token is for unit " + caller.unitCode() + ", not " + unit);
        }
        if (place(unit, day).isEmpty()) {
            throw refused(rule, "unit " + unit + " does not exist on " + day + " (merged or not yet created)");
        }
        return new Grant(caller, role, rule);
    }

    /** The caller is a REVIEWER of the unit that is {@code child}'s parent on {@code day}. */
    public Grant reviewChild(Caller caller, String child, LocalDate day) {
        String rule = "REVIEWER of the parent of unit " + child;
        require(caller, Role.REVIEWER, rule);
        String parent = place(child, day).map(UnitHierarchy.Place::parentCode).orElse(null);
        if (parent == null || !parent.equals(caller.unitCode())) {
            throw refused(rule, "unit " + child + " is not a direct child of unit " + caller.unitCode() + " on "
                    + day);
        }
        return new Grant(caller, Role.REVIEWER, rule);
    }

    /**
     * Reading {@code unit}'s reports, obligations or aggregates: any role of the unit itself, or a REVIEWER or
     * VIEWER of a unit above it on {@code day}.
     */
    public Grant read(Caller caller, String unit, LocalDate day) {
        String rule = "any role of unit " + unit + ", or REVIEWER or VIEWER of a unit above it";
        if (caller.unitCode() != null && caller.unitCode().equals(unit) && !caller.roles().isEmpty()) {
            return new Grant(caller, caller.roles().iterator().next(), rule);
        }
        for (Role role : READS_BENEATH) {
            if (caller.has(role) && beneath(caller.unitCode(), unit, day)) {
                return new Grant(caller, role, rule);
            }
        }
        throw refused(rule, "your token (unit " + caller.unitCode() + ", roles " + caller.roles()
                + ") does not allow reading unit " + unit + " on " + day);
    }

    /** Whether {@link #read} allows it, for filtering a list. */
    public boolean mayRead(Caller caller, String unit, LocalDate day) {
        return allows(() -> read(caller, unit, day));
    }

    /** Whether {@code check} grants rather than refuses ({@link AccessRefused}), for filtering a list. */
    public static boolean allows(Supplier<Grant> check) {
        try {
            check.get();
            return true;
        } catch (AccessRefused refused) {
            return false;
        }
    }

    /** The caller holds {@code role} for {@code unit} itself or for a unit above it on {@code day}. */
    public Grant withinOwnTree(Caller caller, Role role, String unit, LocalDate day) {
        String rule = role + " of unit " + unit + " or of a unit above it";
        require(caller, role, rule);
        if (!unit.equals(caller.unitCode()) && !beneath(caller.unitCode(), unit, day)) {
            throw refused(rule, "unit " + unit + " is not unit " + caller.unitCode() + " nor beneath it on " + day);
        }
        return new Grant(caller, role, rule);
    }

    /** Any role of {@code unit} or of a unit above it on {@code day} (e.g. reading a unit's audit trail). */
    public Grant unitOrAncestor(Caller caller, String unit, LocalDate day) {
        String rule = "a role of unit " + unit + " or of a unit above it";
        if (caller.roles().isEmpty() || caller.unitCode() == null
                || !unit.equals(caller.unitCode()) && !beneath(caller.unitCode(), unit, day)) {
            throw refused(rule, "your token (unit " + caller.unitCode() + ") is not for unit " + unit
                    + " nor a unit above it on " + day);
        }
        return new Grant(caller, caller.roles().iterator().next(), rule);
    }

    /** The caller is the ADMIN of the national unit. */
    public Grant nationalAdmin(Caller caller) {
        String rule = "ADMIN of the national unit " + nationalUnit;
        require(caller, Role.ADMIN, rule);
        if (!nationalUnit.equals(caller.unitCode())) {
            throw refused(rule, "only the national administrator may do this; your token is for unit "
                    + caller.unitCode());
        }
        return new Grant(caller, Role.ADMIN, rule);
    }

    /** Today in the service's clock (for rules about the present, e.g. reading contacts). */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Whether {@code unit} lies strictly beneath {@code ancestor} on {@code day}. */
    public boolean beneath(String ancestor, String unit, LocalDate day) {
        if (ancestor == null || unit == null) {
            return false;
        }
        String current = unit;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            String parent = place(current, day).map(UnitHierarchy.Place::parentCode).orElse(null);
            if (parent == null) {
                return false;
            }
            if (parent.equals(ancestor)) {
                return true;
            }
            current = parent;
        }
        return false;
    }

    private Optional<UnitHierarchy.Place> place(String unit, LocalDate day) {
        String key = unit + '@' + day;
        long now = System.nanoTime();
        Remembered remembered = places.get(key);
        if (remembered != null && now - remembered.at() < rememberNanos) {
            return remembered.place();
        }
        Optional<UnitHierarchy.Place> place = hierarchy.placeOn(unit, day);
        if (place.isPresent()) { // a unit not (yet) known is asked again: it may arrive any moment
            if (places.size() >= MAX_REMEMBERED) {
                places.clear();
            }
            places.put(key, new Remembered(place, now));
        }
        return place;
    }

    private static void require(Caller caller, Role role, String rule) {
        if (!caller.has(role)) {
            throw refused(rule, "your token does not carry the role " + role + " (it carries " + caller.roles()
                    + ")");
        }
        if (caller.unitCode() == null) {
            throw refused(rule, "your token names no unit");
        }
    }

    private static AccessRefused refused(String rule, String detail) {
        return new AccessRefused(rule, detail);
    }

    private record Remembered(Optional<UnitHierarchy.Place> place, long at) {
    }
}

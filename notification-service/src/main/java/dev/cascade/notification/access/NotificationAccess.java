package dev.cascade.notification.access;

import dev.cascade.platform.security.AccessRefused;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.security.UnitHierarchy;
import dev.cascade.platform.web.RequestRefused;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may do what in notification-service, on top of the platform's {@link AccessRules}, for today in the service's
 * clock (none of its requests concerns a period):
 * <ul>
 *   <li>a unit's contacts (read or replace): {@link #unitAdmin ADMIN of the unit or of a unit above it};</li>
 *   <li>a programme's reminder policy: replace as {@link #unitAdmin ADMIN} of the unit that issues the programme
 *       (the nearest common ancestor when several plans of different issuers carry it, the national unit while no
 *       issuer is known) or above; read with {@link #policyReader any role} of that unit or a unit above it;</li>
 *   <li>an inbox (list, read marks, stream): {@link #ownInbox its own user} only, the token's subject;</li>
 *   <li>a unit's delivery log: {@link #deliveryLog ADMIN of the unit or above, or a reader of the unit}.</li>
 * </ul>
 * A caller whose own unit does not exist today (merged away, or unknown to this service) is refused by every unit
 * rule, the national unit excepted. A unit that cannot be placed today (unknown to the units copy, or merged away)
 * lies beneath no unit, so only the national administrator, above every unit, is allowed to administer it.
 */
@Component
@RequiredArgsConstructor
public class NotificationAccess {

    /** The rule of {@link #ownInbox}. */
    public static final String OWN_INBOX = "the inbox's own user";

    private final AccessRules rules;
    private final UnitHierarchy hierarchy;

    /** Today in the service's clock: the day every rule of this service is checked for. */
    public LocalDate today() {
        return rules.today();
    }

    /**
     * ADMIN of {@code unit} or of a unit above it. The national administrator is above every unit, also one this
     * service cannot place under the national unit today (not in its units copy, merged away, or a copy whose chain
     * does not reach the root yet).
     */
    public Grant unitAdmin(Caller caller, String unit) {
        if (isNationalAdmin(caller)) {
            return rules.nationalAdmin(caller);
        }
        LocalDate day = today();
        callerUnitExists(caller, Role.ADMIN + " of unit " + unit + " or of a unit above it", day);
        return rules.withinOwnTree(caller, Role.ADMIN, unit, day);
    }

    /** Whether {@link #unitAdmin} allows it. */
    public boolean mayAdmin(Caller caller, String unit) {
        try {
            unitAdmin(caller, unit);
            return true;
        } catch (RequestRefused refused) {
            return false;
        }
    }

    /** Reading a programme's reminder policy: any role of {@code unit} (its issuer) or of a unit above it. */
    public Grant policyReader(Caller caller, String unit) {
        LocalDate day = today();
        callerUnitExists(caller, "a role of unit " + unit + " or of a unit above it", day);
        return rules.unitOrAncestor(caller, unit, day);
    }

    /**
     * Reading a unit's delivery log: ADMIN of the unit or above ({@link #unitAdmin}), or whoever may read the unit
     * ({@link AccessRules#read}: any role of the unit itself, REVIEWER or VIEWER of a unit above it).
     */
    public Grant deliveryLog(Caller caller, String unit) {
        String rule = "ADMIN of unit " + unit + " or of a unit above it, or any role of unit " + unit
                + ", or REVIEWER or VIEWER of a unit above it";
        LocalDate day = today();
        callerUnitExists(caller, rule, day);
        try {
            return unitAdmin(caller, unit);
        } catch (RequestRefused notAdmin) {
            try {
                return rules.read(caller, unit, day);
            } catch (AccessRefused notReader) {
                throw forbidden(rule, "your token (unit " + caller.unitCode() + ", roles " + caller.roles()
                        + ") does not allow reading the notifications of unit " + unit + " on " + day);
            }
        }
    }

    /** The inbox of {@code user} is its own user's only: the token's subject must be {@code user}. */
    public void ownInbox(Caller caller, String user) {
        if (caller.subject() == null || !caller.subject().equals(user)) {
            throw forbidden(OWN_INBOX, "inbox " + user + " is readable by its own user only; your token is for "
                    + caller.subject());
        }
    }

    /**
     * The unit a programme's policy belongs to: its issuer; with several issuers their nearest common ancestor
     * today; the national unit when no issuer is known or one cannot be placed today.
     */
    public String policyUnit(List<String> issuers) {
        if (issuers == null || issuers.isEmpty()) {
            return rules.nationalUnit();
        }
        LocalDate day = today();
        List<List<String>> chains = new ArrayList<>();
        for (String issuer : issuers) {
            List<String> chain = chain(issuer, day);
            if (chain.isEmpty()) {
                return rules.nationalUnit();
            }
            chains.add(chain);
        }
        for (String candidate : chains.get(0)) {
            if (chains.stream().allMatch(chain -> chain.contains(candidate))) {
                return candidate;
            }
        }
        return rules.nationalUnit();
    }

    /** The unit and its ancestors today, nearest first; empty when the unit cannot be placed today. */
    private List<String> chain(String unit, LocalDate day) {
        List<String> chain = new ArrayList<>();
        String current = unit;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (hierarchy.placeOn(current, day).isEmpty()) {
                return rules.nationalUnit().equals(current) ? append(chain, current) : List.of();
            }
            chain.add(current);
            current = hierarchy.placeOn(current, day).get().parentCode();
        }
        return chain;
    }

    private static List<String> append(List<String> chain, String unit) {
        chain.add(unit);
        return chain;
    }

    private boolean isNationalAdmin(Caller caller) {
        return caller.has(Role.ADMIN) && rules.nationalUnit().equals(caller.unitCode());
    }

    /** A caller whose own unit does not exist today is refused (the national unit always exists). */
    private void callerUnitExists(Caller caller, String rule, LocalDate day) {
        String own = caller.unitCode();
        if (own != null && !rules.nationalUnit().equals(own) && hierarchy.placeOn(own, day).isEmpty()) {
            throw forbidden(rule, "your token is for unit " + own + ", which does not exist on " + day
                    + " (merged away or not known here)");
        }
    }

    private static RequestRefused forbidden(String rule, String detail) {
        return new RequestRefused(RequestRefused.Reason.FORBIDDEN, "Not allowed", detail, List.of())
                .with("rule", rule);
    }
}

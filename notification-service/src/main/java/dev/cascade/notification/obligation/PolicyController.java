package dev.cascade.notification.obligation;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.access.NotificationAccess;
import dev.cascade.notification.programme.Programme;
import dev.cascade.notification.programme.ProgrammeCatalog;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.FieldProblem;
import io.swagger.v3.oas.annotations.Operation;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code PUT /policies/{programme}}: which reminders a programme sends, per unit level; {@code GET} shows the
 * policy in force for every level. A change reschedules the programme's open obligations (what was sent stays sent).
 */
@RestController
@RequestMapping("/policies")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PolicyController {

    private static final Pattern PROGRAMME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final ReminderPolicies policies;
    private final ObligationTracker tracker;
    private final ProgrammeCatalog programmes;
    private final Clock clock;
    private final NotificationAccess access;
    private final AuditTrail audit;

    /**
     * Request body: {@code {"levels":{"COMMUNE":["REMINDER_3_DAYS_BEFORE","REMINDER_DUE_TODAY",
     * "ESCALATION_3_DAYS_OVERDUE"]},"fallback":["REMINDER_1_DAY_BEFORE"]}}; {@code fallback} omitted: the defaults.
     */
    record PolicyRequest(Map<String, List<String>> levels, List<String> fallback) {
    }

    /** The policy in force for every level, with each kind's day relative to the deadline. */
    record PolicyView(String programme, boolean overridden, Map<UnitLevel, List<KindView>> levels) {
    }

    record KindView(ReminderKind kind, int daysAfterDeadline, ReminderKind.Audience audience) {
    }

    /** The result of a change: the policy and how many open obligations were rescheduled. */
    record PolicyChange(PolicyView policy, int rescheduled) {
    }

    /**
     * Allowed to an ADMIN of the programme's issuing unit or of a unit above it ({@link #policyUnit}), checked
     * before the programme is looked for and the body is read; one audit entry ({@code policy.changed}) per change.
     */
    @Operation(summary = "Replaces the reminder policy of a programme")
    @PutMapping("/{programme}")
    PolicyChange put(@PathVariable String programme, @RequestBody(required = false) PolicyRequest request,
                     Caller caller) {
        checkProgramme(programme);
        Optional<Programme> known = programmes.find(programme);
        String unit = policyUnit(known);
        Grant grant = access.unitAdmin(caller, unit);
        if (known.isEmpty()) {
            throw RequestRefused.notKnown("programme", "no programme " + programme + " is known (programmes "
                    + "arrive with the plans that serve them); nothing was changed");
        }
        if (request == null || request.levels() == null) {
            throw RequestRefused.invalid("levels", "is required (an empty object keeps the fallback for every level)");
        }
        List<FieldProblem> errors = new ArrayList<>();
        Map<String, List<ReminderKind>> levels = new LinkedHashMap<>();
        request.levels().forEach((level, kinds) -> {
            if (Arrays.stream(UnitLevel.values()).noneMatch(l -> l.name().equals(level))) {
                errors.add(new FieldProblem("levels." + level, "not a unit level: one of "
                        + Arrays.toString(UnitLevel.values())));
            } else {
                levels.put(level, kinds("levels." + level, kinds, errors));
            }
        });
        List<ReminderKind> fallback = request.fallback() == null ? null : kinds("fallback", request.fallback(), errors);
        if (!errors.isEmpty()) {
            throw RequestRefused.invalid("Invalid reminder policy; nothing was changed", errors);
        }
        ReminderPolicies.Saved saved = policies.save(new PolicyOverride(programme, levels, fallback, clock.instant()));
        audit.record(grant, AuditedChange.of("policy.changed", "reminder-policy", programme, unit,
                saved.versionBefore(), saved.versionAfter()));
        int rescheduled = tracker.reschedule(programme);
        return new PolicyChange(view(programme), rescheduled);
    }

    /** Allowed to any role of the programme's issuing unit ({@link #policyUnit}) or of a unit above it. */
    @Operation(summary = "The reminder policy of a programme")
    @GetMapping("/{programme}")
    PolicyView get(@PathVariable String programme, Caller caller) {
        checkProgramme(programme);
        access.policyReader(caller, policyUnit(programmes.find(programme)));
        return view(programme);
    }

    /**
     * The unit whose administrators set a programme's policy: the issuer of the plans that brought it (their nearest
     * common ancestor if several issuers brought it); the national unit for a programme no plan has brought here, or
     * one stored before issuers were kept.
     */
    private String policyUnit(Optional<Programme> programme) {
        return access.policyUnit(programme.map(Programme::issuers).orElse(List.of()));
    }

    private PolicyView view(String programme) {
        var override = policies.override(programme);
        Map<UnitLevel, List<KindView>> levels = new LinkedHashMap<>();
        for (UnitLevel level : UnitLevel.values()) {
            List<ReminderKind> kinds = override.map(o -> policies.kinds(o, level)).orElse(policies.defaults().kinds());
            levels.put(level, kinds.stream().sorted().map(k -> new KindView(k, k.daysAfterDeadline(), k.audience()))
                    .toList());
        }
        return new PolicyView(programme, override.isPresent(), levels);
    }

    private static List<ReminderKind> kinds(String field, List<String> names, List<FieldProblem> errors) {
        if (names == null) {
            errors.add(new FieldProblem(field, "must be a list of reminder kinds"));
            return List.of();
        }
        List<ReminderKind> kinds = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            var kind = Arrays.stream(ReminderKind.values()).filter(k -> k.name().equals(name)).findFirst();
            if (kind.isEmpty()) {
                errors.add(new FieldProblem(field + "[" + i + "]", "not a reminder kind: '" + name + "' (one of "
                        + Arrays.toString(ReminderKind.values()) + ")"));
            } else if (!kinds.contains(kind.get())) {
                kinds.add(kind.get());
            }
        }
        return kinds;
    }

    private static void checkProgramme(String programme) {
        if (!PROGRAMME.matcher(programme).matches()) {
            throw RequestRefused.invalid("programme", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }
}

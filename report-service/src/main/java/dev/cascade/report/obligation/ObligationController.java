package dev.cascade.report.obligation;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.report.programme.HierarchyDays;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * {@code GET /obligations?unit=X[&status=S]}: the obligations of unit X; {@code GET /obligations?under=X[&status=S]}:
 * those of every unit beneath X. Either way the answer holds only the obligations the caller may read: those of a
 * unit the caller's token is for (any role), or beneath it for a REVIEWER or VIEWER, in the hierarchy of the
 * obligation's period (its cut-off end). A caller who may read none of them gets an empty list, not a refusal, so
 * the answer never tells an outsider which units owe what.
 */
@RestController
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ObligationController {

    private final Obligations obligations;
    private final AccessRules rules;
    private final HierarchyDays days;

    @Operation(summary = "The reporting obligations of a unit, or of every unit beneath one")
    @GetMapping("/obligations")
    List<ObligationView> obligations(@RequestParam(required = false) String unit,
                                     @RequestParam(required = false) String under,
                                     @RequestParam(required = false) String status, Caller caller) {
        boolean byUnit = unit != null && !unit.isBlank();
        boolean byParent = under != null && !under.isBlank();
        if (byUnit == byParent) {
            throw RequestRefused.of(Reason.MALFORMED, "Unit required",
                    new FieldProblem(byUnit ? "under" : "unit", "give exactly one of unit or under"));
        }
        ObligationStatus wanted = status == null || status.isBlank() ? null : parse(status);
        List<Obligation> found = byUnit ? obligations.ofUnit(unit.strip(), wanted)
                : obligations.under(under.strip(), wanted);
        Map<String, LocalDate> dayOfPeriod = new HashMap<>();
        return found.stream()
                .filter(o -> rules.mayRead(caller, o.unitCode(), dayOfPeriod.computeIfAbsent(
                        o.programme() + "|" + o.period(), p -> days.of(o.programme(), o.period())
                                .orElse(o.deadline()))))
                .map(ObligationView::of).toList();
    }

    private static ObligationStatus parse(String status) {
        return Arrays.stream(ObligationStatus.values()).filter(s -> s.name().equals(status.strip())).findFirst()
                .orElseThrow(() -> RequestRefused.of(Reason.MALFORMED, "Unknown status",
                        new FieldProblem("status", "must be one of " + Arrays.toString(ObligationStatus.values()))));
    }
}

package dev.cascade.report.obligation;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /obligations?unit=X[&status=S]}: the obligations of unit X; {@code GET /obligations?under=X[&status=S]}:
 * those of every unit beneath X.
 */
@RestController
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ObligationController {

    private final Obligations obligations;

    @Operation(summary = "The reporting obligations of a unit, or of every unit beneath one")
    @GetMapping("/obligations")
    List<ObligationView> obligations(@RequestParam(required = false) String unit,
                                     @RequestParam(required = false) String under,
                                     @RequestParam(required = false) String status) {
        boolean byUnit = unit != null && !unit.isBlank();
        boolean byParent = under != null && !under.isBlank();
        if (byUnit == byParent) {
            throw RequestRefused.of(Reason.MALFORMED, "Unit required",
                    new FieldProblem(byUnit ? "under" : "unit", "give exactly one of unit or under"));
        }
        ObligationStatus wanted = status == null || status.isBlank() ? null : parse(status);
        List<Obligation> found = byUnit ? obligations.ofUnit(unit.strip(), wanted)
                : obligations.under(under.strip(), wanted);
        return found.stream().map(ObligationView::of).toList();
    }

    private static ObligationStatus parse(String status) {
        return Arrays.stream(ObligationStatus.values()).filter(s -> s.name().equals(status.strip())).findFirst()
                .orElseThrow(() -> RequestRefused.of(Reason.MALFORMED, "Unknown status",
                        new FieldProblem("status", "must be one of " + Arrays.toString(ObligationStatus.values()))));
    }
}

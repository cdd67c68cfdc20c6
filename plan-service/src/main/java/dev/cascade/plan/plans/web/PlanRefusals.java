package dev.cascade.plan.plans.web;

import dev.cascade.plan.plans.domain.InvalidPlan;
import dev.cascade.plan.plans.domain.PlanConflict;
import dev.cascade.plan.plans.domain.PlanNotFound;
import dev.cascade.plan.plans.domain.UnresolvedUnits;
import dev.cascade.plan.validation.Violations;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RefusalResponses;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * The refusals of plan-service's domain ({@link InvalidPlan}, {@link PlanConflict}, {@link PlanNotFound},
 * {@link UnresolvedUnits}) in the platform's one error model; everything else is the platform's
 * {@link RefusalResponses}.
 */
@RestControllerAdvice
public class PlanRefusals {

    @ExceptionHandler(InvalidPlan.class)
    ResponseEntity<ProblemDetail> invalidPlan(InvalidPlan e) {
        return RefusalResponses.render(Violations.refused("Invalid plan", e.violations()));
    }

    @ExceptionHandler(PlanConflict.class)
    ResponseEntity<ProblemDetail> conflict(PlanConflict e) {
        return RefusalResponses.render(new RequestRefused(Reason.CONFLICT, "Conflict", e.getMessage(),
                e.field() == null ? List.of() : List.of(new FieldProblem(e.field(), e.getMessage()))));
    }

    /**
     * 422: well-formed, but some unit would have nobody to owe or receive a period's report. {@code errors} name the
     * field ({@code reportingUnits}, {@code issuerUnitCode}) with the unit and its periods; {@code unresolved} lists
     * them as data.
     */
    @ExceptionHandler(UnresolvedUnits.class)
    ResponseEntity<ProblemDetail> unresolved(UnresolvedUnits e) {
        return RefusalResponses.render(new RequestRefused(Reason.UNPROCESSABLE, "Units cannot be resolved",
                e.getMessage(), e.units().stream().map(u -> new FieldProblem(u.field(), u.message())).toList())
                .with("unresolved", e.units().stream().map(u -> new UnresolvedUnit(u.field(), u.unitCode(),
                        u.periods())).toList()));
    }

    /** A unit that cannot be resolved and the ids of the periods it cannot be resolved on. */
    record UnresolvedUnit(String field, String unitCode, List<String> periods) {
    }

    @ExceptionHandler(PlanNotFound.class)
    ResponseEntity<ProblemDetail> notFound(PlanNotFound e) {
        return RefusalResponses.render(new RequestRefused(Reason.NOT_FOUND, "Not found", e.getMessage(), List.of()));
    }
}

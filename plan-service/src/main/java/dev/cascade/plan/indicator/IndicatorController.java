package dev.cascade.plan.indicator;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.plan.validation.Violations;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.validation.Violation;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/**
 * The indicator catalogue over HTTP: read (any authenticated caller), and extend with new indicators (the national
 * administrator alone; each indicator added leaves one entry in the national unit's audit trail).
 */
@RestController
@RequestMapping("/indicators")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class IndicatorController {

    private final IndicatorCatalogue catalogue;
    private final AccessRules rules;
    private final AuditTrail audit;

    @Operation(summary = "The indicator catalogue")
    @GetMapping
    List<Indicator> all() {
        return catalogue.all();
    }

    /** Adds an indicator to the catalogue: 201; the same definition again: 200; another one under its code: 409. */
    @Operation(summary = "Adds an indicator to the catalogue")
    @PostMapping
    ResponseEntity<Indicator> add(@RequestBody(required = false) IndicatorProposal proposal, Caller caller) {
        Grant grant = rules.nationalAdmin(caller);
        if (proposal == null) {
            throw Violations.refused("Invalid indicator", List.of(new Violation("body", "an indicator is required")));
        }
        List<Violation> violations = IndicatorProposal.newViolations();
        Indicator indicator = proposal.toIndicator(violations);
        if (indicator == null) {
            throw Violations.refused("Invalid indicator", violations);
        }
        Optional<Indicator> existing = catalogue.find(indicator.code());
        if (existing.isPresent()) {
            if (existing.get().equals(indicator)) {
                return ResponseEntity.ok(indicator);
            }
            throw RequestRefused.of(Reason.CONFLICT, "Conflict", "code", "indicator " + indicator.code() + " exists with another definition");
        }
        if (!catalogue.add(indicator)) {
            throw RequestRefused.of(Reason.CONFLICT, "Conflict", "code", "indicator " + indicator.code() + " was added meanwhile");
        }
        // an indicator never changes once added: it has one version
        audit.record(grant, AuditedChange.of("indicator.added", "indicator", indicator.code(), rules.nationalUnit(),
                null, 1L));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{code}")
                .buildAndExpand(indicator.code()).toUri()).body(indicator);
    }

    @Operation(summary = "One indicator of the catalogue")
    @GetMapping("/{code}")
    Indicator one(@PathVariable String code) {
        return catalogue.find(code).orElseThrow(() -> new RequestRefused(Reason.NOT_FOUND, "Not found", "no indicator " + code, List.of()));
    }
}

package dev.cascade.plan.indicator;

import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.web.NotFound;
import dev.cascade.plan.plans.domain.Violation;
import dev.cascade.plan.web.Conflict;
import dev.cascade.plan.web.InvalidRequest;
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

/** The indicator catalogue over HTTP: read, and extend with new indicators. */
@RestController
@RequestMapping("/indicators")
class IndicatorController {

    private final IndicatorCatalogue catalogue;

    IndicatorController(IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    List<Indicator> all() {
        return catalogue.all();
    }

    /** Adds an indicator to the catalogue: 201; the same definition again: 200; another one under its code: 409. */
    @PostMapping
    ResponseEntity<Indicator> add(@RequestBody(required = false) IndicatorProposal proposal) {
        if (proposal == null) {
            throw new InvalidRequest("Invalid indicator", List.of(new Violation("body", "an indicator is required")));
        }
        List<Violation> violations = IndicatorProposal.newViolations();
        Indicator indicator = proposal.toIndicator(violations);
        if (indicator == null) {
            throw new InvalidRequest("Invalid indicator", violations);
        }
        Optional<Indicator> existing = catalogue.find(indicator.code());
        if (existing.isPresent()) {
            if (existing.get().equals(indicator)) {
                return ResponseEntity.ok(indicator);
            }
            throw new Conflict("indicator " + indicator.code() + " exists with another definition", "code");
        }
        if (!catalogue.add(indicator)) {
            throw new Conflict("indicator " + indicator.code() + " was added meanwhile", "code");
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{code}")
                .buildAndExpand(indicator.code()).toUri()).body(indicator);
    }

    @GetMapping("/{code}")
    Indicator one(@PathVariable String code) {
        return catalogue.find(code).orElseThrow(() -> new NotFound("no indicator " + code));
    }
}

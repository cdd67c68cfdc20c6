package dev.cascade.plan.unit;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.web.AsOf;
import dev.cascade.plan.web.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Read access to the administrative units as placed on a day ({@code asOf}, default today). */
@RestController
@RequestMapping("/units")
class UnitController {

    private final UnitStore store;
    private final Clock clock;

    UnitController(UnitStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A unit as placed on a day. */
    record UnitView(String code, String name, UnitLevel level, String type, String parentCode, String hierarchy,
                    LocalDate validFrom, LocalDate validTo) {

        static UnitView of(String code, UnitPlacement p) {
            return new UnitView(code, p.name(), p.level(), p.type(), p.parentCode(), p.hierarchy(), p.validFrom(),
                    p.validTo());
        }
    }

    @GetMapping("/{code}")
    UnitView unit(@PathVariable String code, @RequestParam(required = false) String asOf) {
        LocalDate day = AsOf.parse(asOf, clock);
        AdministrativeUnit unit = store.find(code).orElseThrow(() -> new NotFound("no unit " + code)).unit();
        return UnitView.of(code, unit.placementOn(day)
                .orElseThrow(() -> new NotFound("unit " + code + " does not exist on " + day)));
    }

    @GetMapping("/{code}/children")
    List<UnitView> children(@PathVariable String code, @RequestParam(required = false) String asOf) {
        LocalDate day = AsOf.parse(asOf, clock);
        AdministrativeUnit unit = store.find(code).orElseThrow(() -> new NotFound("no unit " + code)).unit();
        if (unit.placementOn(day).isEmpty()) {
            throw new NotFound("unit " + code + " does not exist on " + day);
        }
        return store.children(code, day).stream()
                .map(child -> UnitView.of(child.code(), child.placementOn(day).orElseThrow())).toList();
    }
}

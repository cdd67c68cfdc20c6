package dev.cascade.plan.unit;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.plan.validation.Shapes;
import dev.cascade.plan.validation.Violations;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.plan.validation.Violation;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.Agency;
import dev.cascade.plan.unit.domain.ProvinceSelection;
import dev.cascade.plan.unit.domain.UnitNames;
import dev.cascade.plan.web.AsOf;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The administrative units as placed on a day ({@code asOf}, default today): one unit, its children, its subtree,
 * its path to the ministry, a search by name; non-territorial reporting units attached under a territorial one;
 * imports of the bundled official lists. Reading: any authenticated caller. Writing (agencies, imports): the national
 * administrator alone, checked before the body is looked at; each write that changes something leaves one entry in
 * the national unit's audit trail.
 */
@RestController
@RequestMapping("/units")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class UnitController {

    private static final int MAX_DEPTH = 10;
    private static final int MAX_SEARCH = 200;

    private final UnitStore store;
    private final UnitImport unitImport;
    private final Clock clock;
    private final AccessRules rules;
    private final AuditTrail audit;

    /**
     * A unit as placed on a day.
     *
     * @param predecessors the units this placement was formed from (a 2025-07 unit: the 2025-03 units merged into
     *                     it, FULL or PARTIAL); empty for any other placement
     */
    record UnitView(String code, String name, UnitLevel level, String type, String parentCode, String hierarchy,
                    LocalDate validFrom, LocalDate validTo, List<UnitPredecessor> predecessors) {

        static UnitView of(AdministrativeUnit unit, UnitPlacement p) {
            return new UnitView(unit.code(), p.name(), p.level(), p.type(), p.parentCode(), p.hierarchy(),
                    p.validFrom(), p.validTo(), unit.predecessorsOf(p));
        }

        static UnitView on(AdministrativeUnit unit, LocalDate day) {
            return of(unit, unit.placementOn(day).orElseThrow());
        }
    }

    /** A unit in a subtree, with its depth below the subtree's root (0 = the root). */
    record SubtreeEntry(int depth, String code, String name, UnitLevel level, String type, String parentCode) {
    }

    /** The body of {@code PUT /units/{code}}: a non-territorial unit under a territorial one. */
    record ProposedAgency(
            @NotBlank(message = NAME) @Size(max = 300, message = NAME) String name,
            @NotBlank(message = TYPE) @Size(max = 100, message = TYPE) String type,
            @NotBlank(message = "is required") String parentCode) {

        static final String NAME = "is required (at most 300 characters)";
        static final String TYPE = "is required (at most 100 characters), e.g. Sở, Phòng, Trường";
    }

    /** The body of {@code POST /units/imports}: 2025-03 province codes ({@code "30,01"}) or {@code "ALL"}. */
    record ImportRequest(
            @NotBlank(message = "is required: 2025-03 province codes such as \"30,01\" or \"ALL\"") String provinces) {
    }

    @Operation(summary = "A unit as placed on a day")
    @GetMapping("/{code}")
    UnitView unit(@PathVariable String code, @RequestParam(required = false) String asOf) {
        LocalDate day = AsOf.parse(asOf, clock);
        return UnitView.on(existing(code, day), day);
    }

    @Operation(summary = "The units directly beneath a unit on a day")
    @GetMapping("/{code}/children")
    List<UnitView> children(@PathVariable String code, @RequestParam(required = false) String asOf) {
        LocalDate day = AsOf.parse(asOf, clock);
        existing(code, day);
        return store.children(code, day).stream().map(child -> UnitView.on(child, day)).toList();
    }

    /** The unit and everything beneath it that day, depth first, children by code. */
    @Operation(summary = "A unit and everything beneath it on a day")
    @GetMapping("/{code}/subtree")
    List<SubtreeEntry> subtree(@PathVariable String code, @RequestParam(required = false) String asOf) {
        LocalDate day = AsOf.parse(asOf, clock);
        AdministrativeUnit root = existing(code, day);
        List<SubtreeEntry> result = new ArrayList<>();
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.push(new Object[]{root, 0});
        while (!todo.isEmpty()) {
            Object[] next = todo.pop();
            AdministrativeUnit unit = (AdministrativeUnit) next[0];
            int depth = (Integer) next[1];
            UnitPlacement p = unit.placementOn(day).orElseThrow();
            result.add(new SubtreeEntry(depth, unit.code(), p.name(), p.level(), p.type(), p.parentCode()));
            if (depth < MAX_DEPTH) {
                List<AdministrativeUnit> children = store.children(unit.code(), day);
                for (int i = children.size() - 1; i >= 0; i--) {
                    todo.push(new Object[]{children.get(i), depth + 1});
                }
            }
        }
        return result;
    }

    /** The unit, its parent, …, up to the ministry, as placed that day. */
    @Operation(summary = "A unit and its ancestors up to the ministry on a day")
    @GetMapping("/{code}/path")
    List<UnitView> path(@PathVariable String code, @RequestParam(required = false) String asOf) {
        LocalDate day = AsOf.parse(asOf, clock);
        List<UnitView> path = new ArrayList<>();
        AdministrativeUnit unit = existing(code, day);
        while (unit != null && path.size() <= MAX_DEPTH) {
            UnitView view = UnitView.on(unit, day);
            path.add(view);
            if (view.parentCode() == null) {
                break;
            }
            unit = store.find(view.parentCode()).map(StoredUnit::unit)
                    .filter(parent -> parent.placementOn(day).isPresent()).orElse(null);
        }
        return path;
    }

    /**
     * Units existing that day whose name that day contains {@code name}, ignoring diacritics and case
     * ({@code thanh ha} finds "Huyện Thanh Hà"), optionally of one {@code level}, by code.
     */
    @Operation(summary = "Searches units by name (diacritics and case ignored) and level")
    @GetMapping
    List<UnitView> search(@RequestParam(required = false) String name, @RequestParam(required = false) String level,
                          @RequestParam(required = false) String asOf,
                          @RequestParam(required = false, defaultValue = "50") int limit) {
        LocalDate day = AsOf.parse(asOf, clock);
        String query = UnitNames.fold(name);
        if (query.length() < 2) {
            throw RequestRefused.of(Reason.MALFORMED, "Invalid parameter", "name", "must have at least 2 letters or digits");
        }
        UnitLevel wanted = null;
        if (level != null && !level.isBlank()) {
            try {
                wanted = UnitLevel.valueOf(level.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw RequestRefused.of(Reason.MALFORMED, "Invalid parameter", "level", "must be one of " + List.of(UnitLevel.values()) + ", not " + level);
            }
        }
        if (limit < 1 || limit > MAX_SEARCH) {
            throw RequestRefused.of(Reason.MALFORMED, "Invalid parameter", "limit", "must be between 1 and " + MAX_SEARCH);
        }
        List<UnitView> found = new ArrayList<>();
        for (AdministrativeUnit unit : store.searchByName(query, 5000)) {
            Optional<UnitPlacement> p = unit.placementOn(day);
            if (p.isPresent() && UnitNames.matches(p.get().name(), query)
                    && (wanted == null || p.get().level() == wanted)) {
                found.add(UnitView.of(unit, p.get()));
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return found;
    }

    /**
     * Creates (201) or updates (200) a non-territorial reporting unit under a territorial unit or another agency; it
     * is published on
     * the units topic when new or changed. A territorial (official) code cannot be overwritten (409).
     */
    @Operation(summary = "Attaches a non-territorial agency beneath a unit")
    @PutMapping("/{code}")
    ResponseEntity<UnitImport.Attached> attachAgency(@PathVariable String code,
                                                     @RequestBody(required = false) ProposedAgency body,
                                                     Caller caller) {
        Grant grant = rules.nationalAdmin(caller);
        List<Violation> errors = new ArrayList<>();
        String codeProblem = Agency.codeProblem(code);
        if (codeProblem != null) {
            errors.add(new Violation("code", codeProblem));
        }
        if (body == null) {
            throw Violations.refused("Invalid unit", List.of(new Violation("body", "a body {name, type, parentCode} is required")));
        }
        List<Violation> shapes = Shapes.of(body);
        errors.addAll(shapes);
        AdministrativeUnit parent = null;
        if (shapes.stream().noneMatch(v -> v.field().equals("parentCode"))) {
            parent = store.find(body.parentCode().trim()).map(StoredUnit::unit).orElse(null);
            if (parent == null) {
                errors.add(new Violation("parentCode", "unknown unit " + body.parentCode()));
            } else if (parent.code().equals(code)) {
                errors.add(new Violation("parentCode", "must not be the unit itself"));
            }
        }
        if (!errors.isEmpty()) {
            throw Violations.refused("Invalid unit", errors);
        }
        store.find(code).filter(u -> u.unit().placements().stream().anyMatch(p -> p.level() != UnitLevel.AGENCY))
                .ifPresent(u -> {
                    throw RequestRefused.of(Reason.CONFLICT, "Conflict", "code", "unit " + code + " is a territorial unit of the official lists");
                });
        Long versionBefore = store.find(code).map(StoredUnit::version).orElse(null);
        UnitImport.Attached attached = unitImport.attachAgency(code, body.name().trim(), body.type().trim(), parent);
        if (!attached.outcome().equals("unchanged")) {
            audit.record(grant, AuditedChange.of("unit.written", "unit", code, rules.nationalUnit(), versionBefore,
                    attached.unit().version()));
        }
        return ResponseEntity.status(attached.outcome().equals("created") ? HttpStatus.CREATED : HttpStatus.OK)
                .body(attached);
    }

    /** Imports the bundled official lists for some provinces or the whole country; idempotent. */
    @Operation(summary = "Imports the bundled official unit lists for some provinces or the whole country")
    @PostMapping("/imports")
    UnitImport.Result importLists(@RequestBody(required = false) ImportRequest body, Caller caller) {
        Grant grant = rules.nationalAdmin(caller);
        List<Violation> shapes = Shapes.of(body == null ? new ImportRequest(null) : body);
        if (!shapes.isEmpty()) {
            throw Violations.refused("Invalid import", shapes);
        }
        UnitImport.Result result;
        try {
            result = unitImport.importUnits(ProvinceSelection.parse(body.provinces()));
        } catch (IllegalArgumentException e) {
            throw Violations.refused("Invalid import", List.of(new Violation("provinces", e.getMessage())));
        }
        if (result.created() + result.changed() > 0) {
            audit.record(grant, AuditedChange.of("units.imported", "units", result.selection(), rules.nationalUnit(),
                    null, null));
        }
        return result;
    }

    private AdministrativeUnit existing(String code, LocalDate day) {
        AdministrativeUnit unit = store.find(code).orElseThrow(() -> new RequestRefused(Reason.NOT_FOUND, "Not found", "no unit " + code, List.of())).unit();
        if (unit.placementOn(day).isEmpty()) {
            throw new RequestRefused(Reason.NOT_FOUND, "Not found", "unit " + code + " does not exist on " + day, List.of());
        }
        return unit;
    }
}

package dev.cascade.plan.unit;

import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.Agency;
import dev.cascade.plan.unit.domain.ProvinceSelection;
import dev.cascade.plan.validation.Shapes;
import dev.cascade.plan.validation.Violation;
import dev.cascade.plan.validation.Violations;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes of {@code /units}: non-territorial reporting units attached under a territorial one (with the agencies
 * whose duties they took over), and imports of the bundled official lists. The national administrator alone, checked
 * before the body is looked at; each write that changes something leaves one entry in the national unit's audit
 * trail.
 */
@RestController
@RequestMapping("/units")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class UnitWriteController {

    private final UnitStore store;
    private final UnitImport unitImport;
    private final AccessRules rules;
    private final AuditTrail audit;

    /**
     * The body of {@code PUT /units/{code}}: a non-territorial unit under a territorial one, and the agencies whose
     * duties it took over when its parent was formed (optional).
     */
    record ProposedAgency(
            @NotBlank(message = NAME) @Size(max = 300, message = NAME) String name,
            @NotBlank(message = TYPE) @Size(max = 100, message = TYPE) String type,
            @NotBlank(message = "is required") String parentCode,
            @Size(max = 50, message = "at most 50 agencies") List<@NotNull(message = "must not be null") @Valid
                    ProposedPredecessor> predecessors) {

        static final String NAME = "is required (at most 300 characters)";
        static final String TYPE = "is required (at most 100 characters), e.g. Sở, Phòng, Trường";

        ProposedAgency(String name, String type, String parentCode) {
            this(name, type, parentCode, null);
        }
    }

    /** An agency whose duties the new one took over: all of them ({@code FULL}) or a part ({@code PARTIAL}). */
    record ProposedPredecessor(@NotBlank(message = "is required") String code,
                               @NotBlank(message = KIND) @Pattern(regexp = "FULL|PARTIAL", message = KIND)
                               String kind) {

        static final String KIND = "must be FULL or PARTIAL";
    }

    /** The body of {@code POST /units/imports}: 2025-03 province codes ({@code "30,01"}) or {@code "ALL"}. */
    record ImportRequest(
            @NotBlank(message = "is required: 2025-03 province codes such as \"30,01\" or \"ALL\"") String provinces) {
    }

    /**
     * Creates (201) or updates (200) a non-territorial reporting unit under a territorial unit or another agency,
     * with the agencies whose duties it took over; it is published on the units topic when new or changed. A
     * territorial (official) code cannot be overwritten (409).
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
        List<UnitPredecessor> predecessors = parent == null || !shapes.isEmpty() ? List.of()
                : predecessors(code, parent, body.predecessors(), errors);
        if (!errors.isEmpty()) {
            throw Violations.refused("Invalid unit", errors);
        }
        store.find(code).filter(u -> u.unit().placements().stream().anyMatch(p -> p.level() != UnitLevel.AGENCY))
                .ifPresent(u -> {
                    throw RequestRefused.of(Reason.CONFLICT, "Conflict", "code", "unit " + code + " is a territorial unit of the official lists");
                });
        Long versionBefore = store.find(code).map(StoredUnit::version).orElse(null);
        UnitImport.Attached attached = unitImport.attachAgency(code, body.name().trim(), body.type().trim(), parent,
                predecessors);
        if (!attached.outcome().equals("unchanged")) {
            audit.record(grant, AuditedChange.of("unit.written", "unit", code, rules.nationalUnit(), versionBefore,
                    attached.unit().version()));
        }
        return ResponseEntity.status(attached.outcome().equals("created") ? HttpStatus.CREATED : HttpStatus.OK)
                .body(attached);
    }

    /** The agencies {@code code} took over, each checked against the store ({@link Agency#predecessorProblem}). */
    private List<UnitPredecessor> predecessors(String code, AdministrativeUnit parent,
                                               List<ProposedPredecessor> proposed, List<Violation> errors) {
        List<UnitPredecessor> predecessors = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; proposed != null && i < proposed.size(); i++) {
            String predecessorCode = proposed.get(i).code().trim();
            String field = "predecessors[" + i + "].code";
            String problem = seen.contains(predecessorCode) ? predecessorCode + " appears twice"
                    : Agency.predecessorProblem(code, parent, predecessorCode,
                    store.find(predecessorCode).map(StoredUnit::unit).orElse(null));
            seen.add(predecessorCode);
            if (problem != null) {
                errors.add(new Violation(field, problem));
            } else {
                predecessors.add(new UnitPredecessor(predecessorCode, PredecessorKind.valueOf(proposed.get(i).kind())));
            }
        }
        return predecessors;
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
}

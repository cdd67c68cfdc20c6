package dev.cascade.plan.unit;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.UnitNames;
import dev.cascade.plan.web.AsOf;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
 * its path to the ministry, a search by name. Reading: any authenticated caller; the writes are
 * {@link UnitWriteController}'s.
 */
@RestController
@RequestMapping("/units")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class UnitController {

    private static final int MAX_DEPTH = 10;
    private static final int MAX_SEARCH = 200;

    private final UnitStore store;
    private final Clock clock;

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

    private AdministrativeUnit existing(String code, LocalDate day) {
        AdministrativeUnit unit = store.find(code).orElseThrow(() -> new RequestRefused(Reason.NOT_FOUND, "Not found", "no unit " + code, List.of())).unit();
        if (unit.placementOn(day).isEmpty()) {
            throw new RequestRefused(Reason.NOT_FOUND, "Not found", "unit " + code + " does not exist on " + day, List.of());
        }
        return unit;
    }
}

package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedTask;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.UnitDirectory;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The units a proposed plan names, looked up once, and their ancestors as they are needed. */
final class UnitTree {

    private final UnitDirectory units;
    private final Map<String, AdministrativeUnit> known;

    UnitTree(UnitDirectory units, ProposedPlan plan) {
        this.units = units;
        Set<String> codes = new HashSet<>();
        codes.add(plan.issuerUnitCode());
        if (plan.tasks() != null) {
            for (ProposedTask task : plan.tasks()) {
                if (task != null) {
                    codes.add(task.leadUnit());
                    if (task.cooperatingUnits() != null) {
                        codes.addAll(task.cooperatingUnits());
                    }
                }
            }
        }
        if (plan.reportingUnits() != null) {
            codes.addAll(plan.reportingUnits());
        }
        codes.remove(null);
        this.known = new HashMap<>(units.find(codes));
    }

    /** A unit the plan names, or null. */
    AdministrativeUnit named(String code) {
        return code == null ? null : known.get(code);
    }

    boolean knows(String code) {
        return known.containsKey(code);
    }

    /** Any unit, looked up when the plan does not name it; null when unknown. */
    AdministrativeUnit any(String code) {
        return known.computeIfAbsent(code, c -> units.find(List.of(c)).get(c));
    }

    /** Whether {@code unit} is {@code ancestor} or beneath it on {@code day}. */
    boolean within(AdministrativeUnit unit, String ancestor, LocalDate day) {
        AdministrativeUnit current = unit;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current.code().equals(ancestor)) {
                return true;
            }
            String parent = current.placementOn(day).map(UnitPlacement::parentCode).orElse(null);
            if (parent == null) {
                return false;
            }
            if (!known.containsKey(parent)) {
                known.putAll(units.find(List.of(parent)));
            }
            current = known.get(parent);
        }
        return false;
    }
}

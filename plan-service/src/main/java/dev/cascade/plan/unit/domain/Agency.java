package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A non-territorial reporting unit (a provincial department, a district office, a vocational institution, a party
 * committee) attached under a territorial unit, or under another agency (an office of a department, the propaganda
 * board of a party committee). It lives as long as its parent: it has one {@code AGENCY} placement
 * under it in every hierarchy version the parent has (a district office therefore ends with its district on
 * 30 June 2025). An agency formed by a reform names the agencies whose duties it took over (its predecessors, as a
 * territorial unit names those of the merge lists), so that a plan's obligations pass to it. Codes are not numeric,
 * so they never collide with the official territorial codes, e.g. {@code 30-SLDTBXH}.
 */
public final class Agency {

    public static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{1,39}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private Agency() {
    }

    /** Why {@code code} cannot be an agency code, or {@code null} if it can. */
    public static String codeProblem(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return "must be 2-40 upper-case letters, digits, '.', '_' or '-' (e.g. 30-SLDTBXH)";
        }
        if (DIGITS.matcher(code).matches()) {
            return "must not be all digits: numeric codes belong to the official territorial lists";
        }
        return null;
    }

    /** The agency {@code code} under {@code parent}, placed wherever the parent is placed. */
    public static AdministrativeUnit attach(String code, String name, String type, AdministrativeUnit parent) {
        return attach(code, name, type, parent, List.of());
    }

    /**
     * The agency {@code code} under {@code parent}, formed when the parent's latest placement began and taking over
     * the duties of {@code predecessors} (the department of a province formed on 1 July 2025 from the departments of
     * the provinces merged into it): placed wherever the parent is placed from that day on (not under the parent's
     * earlier placements, whose agencies were others). Without predecessors, wherever the parent is placed.
     */
    public static AdministrativeUnit attach(String code, String name, String type, AdministrativeUnit parent,
                                           List<UnitPredecessor> predecessors) {
        LocalDate formed = predecessors.isEmpty() ? null
                : parent.successorPlacement().map(UnitPlacement::validFrom).orElse(null);
        List<UnitPlacement> placements = new ArrayList<>();
        for (UnitPlacement p : parent.placements()) {
            if (formed != null && (p.validFrom() == null || p.validFrom().isBefore(formed))) {
                continue;
            }
            placements.add(new UnitPlacement(p.hierarchy(), p.validFrom(), p.validTo(), name, type, UnitLevel.AGENCY,
                    parent.code()));
        }
        return new AdministrativeUnit(code, placements, predecessors);
    }

    /**
     * Why {@code predecessor} (the stored unit of that code, {@code null} if none) cannot be one whose duties the
     * agency {@code code} under {@code parent} took over, or {@code null} if it can: it must be another agency, and
     * gone by the day the agency's placement under the parent begins (a territorial unit's successors come from the
     * official merge lists, and an agency still in place has no successor).
     */
    public static String predecessorProblem(String code, AdministrativeUnit parent, String predecessorCode,
                                            AdministrativeUnit predecessor) {
        if (predecessorCode.equals(code)) {
            return "must not be the agency itself";
        }
        if (predecessor == null) {
            return "unknown unit " + predecessorCode;
        }
        if (predecessor.placements().stream().anyMatch(p -> p.level() != UnitLevel.AGENCY)) {
            return predecessor.code() + " is a territorial unit: its successors come from the official merge lists";
        }
        Optional<UnitPlacement> begins = parent.successorPlacement();
        if (begins.isEmpty()) {
            return "the placement under " + parent.code() + " has no first day (it was not formed by a reform), so "
                    + "there is nothing it can have taken over";
        }
        LocalDate from = begins.get().validFrom();
        boolean stillThere = predecessor.placements().stream()
                .anyMatch(p -> p.validTo() == null || !p.validTo().isBefore(from));
        if (stillThere) {
            return predecessor.code() + " is still in place on " + from + ", when " + code + "'s placement under "
                    + parent.code() + " begins";
        }
        return null;
    }
}

package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A non-territorial reporting unit (a provincial department, a district office, a vocational institution, a party
 * committee) attached under a territorial unit, or under another agency (an office of a department, the propaganda
 * board of a party committee). It lives as long as its parent: it has one {@code AGENCY} placement
 * under it in every hierarchy version the parent has (a district office therefore ends with its district on
 * 30 June 2025). Codes are not numeric, so they never collide with the official territorial codes, e.g.
 * {@code 30-SLDTBXH}.
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
        List<UnitPlacement> placements = new ArrayList<>();
        for (UnitPlacement p : parent.placements()) {
            placements.add(new UnitPlacement(p.hierarchy(), p.validFrom(), p.validTo(), name, type, UnitLevel.AGENCY,
                    parent.code()));
        }
        return new AdministrativeUnit(code, placements);
    }
}

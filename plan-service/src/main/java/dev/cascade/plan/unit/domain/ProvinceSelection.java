package dev.cascade.plan.unit.domain;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which provinces' units to import: none, the whole country, or a set of 2025-03 province codes (whose 2025-07
 * successors come along through the merge mapping).
 */
public record ProvinceSelection(boolean all, Set<String> provinces) {

    public static final ProvinceSelection NONE = new ProvinceSelection(false, Set.of());
    public static final ProvinceSelection ALL = new ProvinceSelection(true, Set.of());

    public ProvinceSelection {
        provinces = Set.copyOf(provinces);
    }

    /** {@code ALL}, a comma list of province codes such as {@code 30,01}, or blank for none. */
    public static ProvinceSelection parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        Set<String> codes = Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (codes.stream().anyMatch(c -> c.equalsIgnoreCase("ALL"))) {
            return ALL;
        }
        return new ProvinceSelection(false, codes);
    }

    public boolean isEmpty() {
        return !all && provinces.isEmpty();
    }

    public ProvinceSelection plus(ProvinceSelection other) {
        if (all || other.all) {
            return ALL;
        }
        Set<String> union = new LinkedHashSet<>(provinces);
        union.addAll(other.provinces);
        return new ProvinceSelection(false, union);
    }

    @Override
    public String toString() {
        return all ? "ALL" : String.join(",", provinces);
    }
}

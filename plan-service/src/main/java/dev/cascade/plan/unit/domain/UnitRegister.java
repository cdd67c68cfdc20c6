package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The country's administrative units across both hierarchy versions: each code with its 2025-03 placement, its
 * 2025-07 placement, or both (names may differ), plus the ministry at the root of each. Built from the bundled
 * unit lists and the merge mapping.
 */
public final class UnitRegister {

    private static final Comparator<AdministrativeUnit> PARENTS_FIRST = Comparator
            .comparingInt((AdministrativeUnit u) -> u.placements().get(0).level().ordinal())
            .thenComparing(AdministrativeUnit::code);

    private final Map<Hierarchy, List<UnitListEntry>> lists;
    private final List<UnitMerge> merges;
    private final Map<String, AdministrativeUnit> units;

    private UnitRegister(Map<Hierarchy, List<UnitListEntry>> lists, List<UnitMerge> merges) {
        this.lists = Map.copyOf(lists);
        this.merges = List.copyOf(merges);
        this.units = build(lists, merges);
    }

    /** The register of the unit lists bundled on the classpath. */
    public static UnitRegister load() {
        Map<Hierarchy, List<UnitListEntry>> lists = new LinkedHashMap<>();
        for (Hierarchy h : List.of(Hierarchy.FOUR_LEVEL_2025_03, Hierarchy.THREE_LEVEL_2025_07)) {
            lists.put(h, readResource(h.source(), UnitListEntry::read));
        }
        return new UnitRegister(lists, readResource(Hierarchy.MERGES_SOURCE, UnitMerge::read));
    }

    public static UnitRegister of(List<UnitListEntry> before, List<UnitListEntry> after, List<UnitMerge> merges) {
        Map<Hierarchy, List<UnitListEntry>> lists = new LinkedHashMap<>();
        lists.put(Hierarchy.FOUR_LEVEL_2025_03, before);
        lists.put(Hierarchy.THREE_LEVEL_2025_07, after);
        return new UnitRegister(lists, merges);
    }

    /** The rows of one hierarchy's list, as read. */
    public List<UnitListEntry> entries(Hierarchy hierarchy) {
        return lists.getOrDefault(hierarchy, List.of());
    }

    public long count(Hierarchy hierarchy, UnitLevel level) {
        return entries(hierarchy).stream().filter(e -> e.level() == level).count();
    }

    /** Every unit, parents before children. */
    public List<AdministrativeUnit> units() {
        return units.values().stream().sorted(PARENTS_FIRST).toList();
    }

    public Optional<AdministrativeUnit> unit(String code) {
        return Optional.ofNullable(units.get(code));
    }

    /**
     * The units to import for a selection of 2025-03 provinces: each province with its districts and communes, the
     * 2025-07 units any of them merged into, and every parent of those in either hierarchy (so that each imported
     * unit's ladder is complete up to the ministry). Parents come before children.
     *
     * @throws IllegalArgumentException for a code that is not a 2025-03 province
     */
    public List<AdministrativeUnit> select(ProvinceSelection selection) {
        if (selection.all()) {
            return units();
        }
        if (selection.isEmpty()) {
            return List.of();
        }
        List<UnitListEntry> before = entries(Hierarchy.FOUR_LEVEL_2025_03);
        Map<String, List<String>> childrenBefore = new HashMap<>();
        Set<String> provincesBefore = new HashSet<>();
        for (UnitListEntry e : before) {
            childrenBefore.computeIfAbsent(e.parentCode(), k -> new ArrayList<>()).add(e.code());
            if (e.level() == UnitLevel.PROVINCE) {
                provincesBefore.add(e.code());
            }
        }
        Set<String> chosen = new HashSet<>();
        for (String province : selection.provinces()) {
            if (!provincesBefore.contains(province)) {
                throw new IllegalArgumentException("not a province code of the 2025-03 list: " + province);
            }
            Deque<String> todo = new ArrayDeque<>(List.of(province));
            while (!todo.isEmpty()) {
                String code = todo.pop();
                if (chosen.add(code)) {
                    todo.addAll(childrenBefore.getOrDefault(code, List.of()));
                }
            }
        }
        Set<String> oldUnits = Set.copyOf(chosen);
        for (UnitMerge merge : merges) {
            if (oldUnits.contains(merge.oldCode())) {
                chosen.add(merge.newCode());
            }
        }
        Deque<String> todo = new ArrayDeque<>(chosen);
        while (!todo.isEmpty()) {
            AdministrativeUnit unit = units.get(todo.pop());
            if (unit == null) {
                continue;
            }
            for (String parent : unit.parentCodes()) {
                if (chosen.add(parent)) {
                    todo.push(parent);
                }
            }
        }
        return chosen.stream().map(units::get).filter(u -> u != null).sorted(PARENTS_FIRST).toList();
    }

    private static Map<String, AdministrativeUnit> build(Map<Hierarchy, List<UnitListEntry>> lists,
                                                         List<UnitMerge> merges) {
        Map<String, List<UnitPlacement>> placements = new LinkedHashMap<>();
        for (Map.Entry<Hierarchy, List<UnitListEntry>> list : lists.entrySet()) {
            Hierarchy hierarchy = list.getKey();
            placements.computeIfAbsent(Ministry.CODE, k -> new ArrayList<>()).add(new UnitPlacement(hierarchy.id(),
                    hierarchy.validFrom(), hierarchy.validTo(), Ministry.NAME, Ministry.TYPE, UnitLevel.MINISTRY, null));
            Set<String> codes = new HashSet<>();
            for (UnitListEntry entry : list.getValue()) {
                if (!codes.add(entry.code())) {
                    throw new IllegalArgumentException("unit " + entry.code() + " twice in hierarchy " + hierarchy.id());
                }
                placements.computeIfAbsent(entry.code(), k -> new ArrayList<>()).add(hierarchy.place(entry));
            }
            for (UnitListEntry entry : list.getValue()) {
                if (!entry.parentCode().equals(Ministry.CODE) && !codes.contains(entry.parentCode())) {
                    throw new IllegalArgumentException("unit " + entry.code() + " has unknown parent "
                            + entry.parentCode() + " in hierarchy " + hierarchy.id());
                }
            }
        }
        Map<String, List<UnitPredecessor>> predecessors = predecessors(lists, merges);
        Map<String, AdministrativeUnit> units = new HashMap<>();
        placements.forEach((code, list) -> units.put(code,
                new AdministrativeUnit(code, list, predecessors.getOrDefault(code, List.of()))));
        return units;
    }

    /**
     * The predecessors of each 2025-07 unit, in the order of the merge mapping, each old code once. A merge whose new
     * unit is not in the 2025-07 list with the level the mapping says, or whose old unit is not in the 2025-03 list,
     * is refused: the mapping and the lists must agree.
     */
    private static Map<String, List<UnitPredecessor>> predecessors(Map<Hierarchy, List<UnitListEntry>> lists,
                                                                   List<UnitMerge> merges) {
        Map<String, UnitLevel> after = new HashMap<>();
        lists.getOrDefault(Hierarchy.THREE_LEVEL_2025_07, List.of()).forEach(e -> after.put(e.code(), e.level()));
        Set<String> before = new HashSet<>();
        lists.getOrDefault(Hierarchy.FOUR_LEVEL_2025_03, List.of()).forEach(e -> before.add(e.code()));
        Map<String, Map<String, UnitPredecessor>> byNewCode = new LinkedHashMap<>();
        for (UnitMerge merge : merges) {
            if (after.get(merge.newCode()) != merge.newLevel()) {
                throw new IllegalArgumentException("merge into " + merge.newCode() + " (" + merge.newLevel()
                        + "): no such unit in hierarchy " + Hierarchy.THREE_LEVEL_2025_07.id());
            }
            if (!before.contains(merge.oldCode())) {
                throw new IllegalArgumentException("merge of " + merge.oldCode() + " into " + merge.newCode()
                        + ": no such unit in hierarchy " + Hierarchy.FOUR_LEVEL_2025_03.id());
            }
            Map<String, UnitPredecessor> of = byNewCode.computeIfAbsent(merge.newCode(), k -> new LinkedHashMap<>());
            if (of.putIfAbsent(merge.oldCode(), merge.predecessor()) != null) {
                throw new IllegalArgumentException("merge of " + merge.oldCode() + " into " + merge.newCode()
                        + " listed twice");
            }
        }
        Map<String, List<UnitPredecessor>> result = new HashMap<>();
        byNewCode.forEach((code, of) -> result.put(code, List.copyOf(of.values())));
        return result;
    }

    /** A bundled resource read by {@code reader}. */
    static <T> T readResource(String name, Function<Reader, T> reader) {
        try (InputStream in = UnitRegister.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return reader.apply(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

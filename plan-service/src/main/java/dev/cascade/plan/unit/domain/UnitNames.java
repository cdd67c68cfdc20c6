package dev.cascade.plan.unit.domain;

import java.text.Normalizer;
import java.util.Locale;

/** Names compared the way people type them: without Vietnamese diacritics, case or extra spaces ("thanh ha"). */
public final class UnitNames {

    private UnitNames() {
    }

    /** {@code "Huyện Thanh Hà"} → {@code "huyen thanh ha"}; đ/Đ become d. */
    public static String fold(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    /** Whether {@code name} contains the folded {@code query}. */
    public static boolean matches(String name, String foldedQuery) {
        return fold(name).contains(foldedQuery);
    }
}

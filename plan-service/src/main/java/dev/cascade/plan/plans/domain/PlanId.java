package dev.cascade.plan.plans.domain;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Plan ids are derived from the document: {@code KH-<issuer>-<year>-<number>}, the number being the part before the
 * first {@code /} (e.g. {@code 2625/KH-UBND} of province 30 issued in 2023 is {@code KH-30-2023-2625}). The same
 * document therefore always gets the same id, which makes loading it again harmless.
 */
public final class PlanId {

    private PlanId() {
    }

    public static String of(String issuerUnitCode, LocalDate issueDate, String number) {
        return "KH-" + issuerUnitCode + "-" + issueDate.getYear() + "-" + numberPart(number);
    }

    /** The number's part before the first slash as ASCII letters, digits and dashes; empty if it has none. */
    public static String numberPart(String number) {
        String head = number.contains("/") ? number.substring(0, number.indexOf('/')) : number;
        if (slug(head).isEmpty()) {
            head = number;
        }
        return slug(head);
    }

    private static String slug(String text) {
        String ascii = Normalizer.normalize(text.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return ascii.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}

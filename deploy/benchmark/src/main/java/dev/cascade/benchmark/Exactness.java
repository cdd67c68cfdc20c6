package dev.cascade.benchmark;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares an aggregate (as published or as served) with the totals the benchmark computed itself. */
final class Exactness {

    private Exactness() {
    }

    /** Every difference, as "source unit field: expected X, got Y"; empty when the aggregate is exact. */
    static List<String> differences(String source, ExpectedTotals expected, JsonNode aggregate) {
        List<String> differences = new ArrayList<>();
        String where = source + " " + expected.unitCode + " ";
        if (aggregate == null || aggregate.isMissingNode() || aggregate.isNull()) {
            differences.add(where + "no aggregate");
            return differences;
        }
        JsonNode completeness = aggregate.path("completeness");
        same(differences, where + "completeness.expected", BigDecimal.valueOf(expected.expected), completeness.path("expected"));
        same(differences, where + "completeness.received", BigDecimal.valueOf(expected.received), completeness.path("received"));
        for (Map.Entry<String, ExpectedTotals.Value> entry : expected.values.entrySet()) {
            String field = where + "values." + entry.getKey();
            ExpectedTotals.Value value = entry.getValue();
            JsonNode actual = aggregate.path("values").path(entry.getKey());
            if (actual.isMissingNode()) {
                differences.add(field + ": missing");
                continue;
            }
            same(differences, field + ".value", value.value(), actual.path("value"));
            same(differences, field + ".count", BigDecimal.valueOf(value.count), actual.path("count"));
            if (value.ratio) {
                same(differences, field + ".numerator", BigDecimal.valueOf(value.numerator), actual.path("numerator"));
                same(differences, field + ".denominator", BigDecimal.valueOf(value.denominator), actual.path("denominator"));
            } else {
                same(differences, field + ".sum", BigDecimal.valueOf(value.sum), actual.path("sum"));
            }
        }
        return differences;
    }

    private static void same(List<String> differences, String field, BigDecimal expected, JsonNode actual) {
        BigDecimal got = actual.isNumber() ? actual.decimalValue() : null;
        boolean equal = expected == null ? got == null : got != null && expected.compareTo(got) == 0;
        if (!equal) {
            differences.add(field + ": expected " + (expected == null ? "null" : expected.toPlainString())
                    + ", got " + (actual.isMissingNode() ? "missing" : actual.toString()));
        }
    }
}

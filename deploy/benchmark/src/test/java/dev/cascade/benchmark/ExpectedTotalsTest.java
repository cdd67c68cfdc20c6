package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedTotalsTest {

    private static final List<Indicator> FORM = List.of(new Indicator("GDNN_INTAKE_RATE", true),
            new Indicator("GDNN_NEW_ENROLMENT", false));

    private static ExpectedTotals province30() {
        // the system test's figures: A 120/200 & 35, B 90/150 & 20, C 50/100 & 10
        ExpectedTotals totals = new ExpectedTotals("30", FORM);
        totals.expected = 3;
        totals.add(Map.of("GDNN_INTAKE_RATE", new long[] {120, 200}, "GDNN_NEW_ENROLMENT", new long[] {35}));
        totals.add(Map.of("GDNN_INTAKE_RATE", new long[] {90, 150}, "GDNN_NEW_ENROLMENT", new long[] {20}));
        totals.add(Map.of("GDNN_INTAKE_RATE", new long[] {50, 100}, "GDNN_NEW_ENROLMENT", new long[] {10}));
        return totals;
    }

    @Test
    void ratiosAreTheRatioOfSumsAtScaleTwoHalfEvenAndCountsAreSums() {
        ExpectedTotals totals = province30();

        assertThat(totals.values.get("GDNN_INTAKE_RATE").value()).isEqualTo(new BigDecimal("57.78"));
        assertThat(totals.values.get("GDNN_NEW_ENROLMENT").value()).isEqualTo(new BigDecimal("65"));
        assertThat(totals.received).isEqualTo(3);
    }

    @Test
    void anExactAggregateHasNoDifferenceAndAnyFigureOffIsReported() {
        String exact = """
                {"values":{"GDNN_INTAKE_RATE":{"value":57.78,"numerator":260,"denominator":450,"count":3},
                           "GDNN_NEW_ENROLMENT":{"value":65,"sum":65,"count":3}},
                 "completeness":{"expected":3,"received":3}}""";
        JsonNode aggregate = StackApi.JSON.readTree(exact);
        assertThat(Exactness.differences("topic", province30(), aggregate)).isEmpty();

        JsonNode off = StackApi.JSON.readTree(exact.replace("\"sum\":65", "\"sum\":66").replace("57.78", "57.79"));
        assertThat(Exactness.differences("topic", province30(), off)).containsExactly(
                "topic 30 values.GDNN_INTAKE_RATE.value: expected 57.78, got 57.79",
                "topic 30 values.GDNN_NEW_ENROLMENT.sum: expected 65, got 66");
    }

    @Test
    void reportValuesAreTheSameForTheSameSeedAndCommune() {
        Map<String, long[]> a = ReportValues.draw(2025, "10813", FORM);
        Map<String, long[]> b = ReportValues.draw(2025, "10813", FORM);

        assertThat(a.get("GDNN_INTAKE_RATE")).isEqualTo(b.get("GDNN_INTAKE_RATE"));
        long[] ratio = a.get("GDNN_INTAKE_RATE");
        assertThat(ratio[0]).isBetween(0L, ratio[1]);
        assertThat(ratio[1]).isBetween(1L, 1000L);
    }
}

package dev.cascade.aggregation;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The plan the HTTP-facing tests ({@link AuthorizationMatrixIT}, {@link BadInputCatalogueIT}) have the service
 * consume: issued on 21 July 2023 under Chỉ thị 21-CT/TW for 2024–2025, one annual programme of one indicator (new
 * enrolments, a count summed upward) and the outline section {@code results}.
 */
final class EnrolmentPlans {

    private EnrolmentPlans() {
    }

    /**
     * @param years each a period of the programme, year {@code Y} cut off from 15 December of {@code Y-1} to
     *              14 December of {@code Y}
     */
    static PlanIssued annual(String planId, String number, String title, String issuer, String programme,
                             List<String> reportingUnits, int... years) {
        List<ReportingPeriod> periods = Arrays.stream(years).mapToObj(year -> new ReportingPeriod(String.valueOf(year),
                LocalDate.of(year - 1, 12, 15), LocalDate.of(year, 12, 14), Map.of())).toList();
        return new PlanIssued(planId, number, title, issuer, LocalDate.of(2023, 7, 21), List.of("21-CT/TW"), 2024, 2025,
                List.of(), List.of(), new ReportingProgramme(programme, "Báo cáo định kỳ hằng năm", Frequency.ANNUAL,
                List.of(new IndicatorDefinition("GDNN_NEW_ENROLMENT", "Số người tuyển sinh mới giáo dục nghề nghiệp",
                        "người", IndicatorKind.COUNT, AggregationRule.SUM, null, null)), List.of("results"), periods),
                reportingUnits, 1);
    }
}

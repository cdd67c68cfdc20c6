package dev.cascade.aggregation;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportingPeriod;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.cascade.aggregation.AggregationServiceTestSupport.ENROLMENT;
import static dev.cascade.aggregation.AggregationServiceTestSupport.RATE;

/**
 * An annual programme of vocational education (GDNN) as plan-service and report-service publish it, for the flow
 * tests: its data form, its periods and the communes' reports.
 */
final class GdnnProgramme {

    private GdnnProgramme() {
    }

    /** The intake rate (a ratio of sums) and the new enrolment (a sum). */
    static List<IndicatorDefinition> dataForm() {
        return List.of(
                new IndicatorDefinition(RATE, "Tỷ lệ học sinh tốt nghiệp THCS, THPT vào học giáo dục nghề nghiệp", "%",
                        IndicatorKind.RATIO, AggregationRule.RATIO_OF_SUMS,
                        "Số học sinh tốt nghiệp THCS, THPT vào học giáo dục nghề nghiệp",
                        "Số học sinh tốt nghiệp THCS, THPT"),
                new IndicatorDefinition(ENROLMENT, "Số người tuyển sinh mới giáo dục nghề nghiệp", "người",
                        IndicatorKind.COUNT, AggregationRule.SUM, null, null));
    }

    /** The period of {@code year}: cut-off from 15 December of the year before to 14 December, no deadlines. */
    static ReportingPeriod period(int year) {
        return new ReportingPeriod(String.valueOf(year), LocalDate.of(year - 1, 12, 15), LocalDate.of(year, 12, 14),
                Map.of());
    }

    /**
     * A unit's first report of the period, submitted at 09:15 (UTC+7) on 4 December of the period's year: the intake
     * rate's numerator and denominator and the new enrolment.
     */
    static ReportSubmitted report(String programme, String plan, String unit, String parent, String period,
                                  long numerator, long denominator, long enrolment, boolean late) {
        return new ReportSubmitted("report-" + programme + "-" + unit + "-" + period, 1, plan, programme, period, unit,
                parent, "Nguyễn Văn An", Instant.parse(period + "-12-04T02:15:00Z"), late,
                Map.of(RATE, IndicatorValue.ratio(numerator, denominator), ENROLMENT, IndicatorValue.count(enrolment)),
                List.of(), Map.of());
    }
}

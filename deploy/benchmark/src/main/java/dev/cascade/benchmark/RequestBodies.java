package dev.cascade.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cascade.benchmark.NationalBurst.MINISTRY;

/** The JSON bodies the benchmarks send: a national plan issued by the ministry, and one commune's annual report. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** A plan of {@code programme} (annual, {@code indicators}) with every one of {@code communes} reporting. */
    static Map<String, Object> planBody(String tag, String programme, List<Indicator> indicators, List<Commune> communes) {
        String firstRatio = indicators.stream().filter(Indicator::ratio).map(Indicator::code).findFirst().orElse(null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", tag + "/KH-BGDDT");
        body.put("title", "Kế hoạch đo tải toàn quốc " + tag + " (national burst benchmark)");
        body.put("issuerUnitCode", MINISTRY);
        body.put("issueDate", "2024-01-15");
        body.put("basis", List.of("21-CT/TW"));
        body.put("horizonStart", 2024);
        body.put("horizonEnd", 2025);
        body.put("targets", firstRatio == null ? List.of()
                : List.of(Map.of("indicator", firstRatio, "year", 2025, "comparator", "AT_LEAST", "value", 50)));
        body.put("tasks", List.of(Map.of("number", "1", "title", "Báo cáo kết quả giáo dục nghề nghiệp năm",
                "leadUnit", MINISTRY, "cooperatingUnits", List.of())));
        body.put("programme", StackApi.map("code", programme, "title", "Báo cáo năm (benchmark " + tag + ")",
                "frequency", "ANNUAL", "indicators", indicators.stream().map(Indicator::code).toList(),
                "outline", List.of("results", "shortcomings", "difficulties", "proposals"),
                "deadlines", StackApi.map("COMMUNE", "12-10", "DISTRICT", "12-15", "PROVINCE", "12-20", "MINISTRY", "12-25")));
        body.put("reportingUnits", communes.stream().map(Commune::code).toList());
        return body;
    }

    /**
     * The report of {@code commune} for {@code period}, with {@code values} (one or two parts per indicator); no
     * {@code submittedBy}: report-service records the token's subject (and refuses the field).
     */
    static Map<String, Object> reportBody(Commune commune, String programme, String period,
                                          Map<String, long[]> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((code, parts) -> json.put(code, parts.length == 2
                ? StackApi.map("numerator", parts[0], "denominator", parts[1])
                : StackApi.map("value", parts[0])));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitCode", commune.code());
        body.put("programme", programme);
        body.put("period", period);
        body.put("values", json);
        body.put("tasks", List.of(Map.of("task", "1", "status", "IN_PROGRESS", "text", "Đang triển khai")));
        body.put("narrative", StackApi.map("results", "Hoàn thành các chỉ tiêu chính.",
                "shortcomings", "Một số chỉ tiêu chưa đạt.", "difficulties", "Thiếu giáo viên.",
                "proposals", "Đề nghị bổ sung kinh phí."));
        return body;
    }
}

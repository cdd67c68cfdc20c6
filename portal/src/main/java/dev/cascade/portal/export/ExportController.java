package dev.cascade.portal.export;

import dev.cascade.portal.api.CascadeApi;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Report;
import dev.cascade.portal.api.Unit;
import dev.cascade.portal.rollup.RollupService;
import dev.cascade.portal.web.Person;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Exports as Excel workbooks, streamed to the browser as they are written: the roll-up of any unit the person may
 * see (one row per child unit, or with {@code rows=reporting} per reporting unit beneath it, one column per
 * indicator, completeness, a totals row) and a unit's report. The
 * figures come from the services with the person's token, so an export shows nothing the pages would not.
 */
@Controller
class ExportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RollupService rollups;
    private final CascadeApi api;

    ExportController(RollupService rollups, CascadeApi api) {
        this.rollups = rollups;
        this.api = api;
    }

    @GetMapping("/rollup/{programme}/{period}/{unit}/export.xlsx")
    void rollup(@PathVariable String programme, @PathVariable String period, @PathVariable String unit,
                @RequestParam(defaultValue = "false") boolean restate,
                @RequestParam(defaultValue = "children") String rows, Authentication authentication,
                HttpServletResponse response) throws IOException {
        String person = Person.of(authentication).unitCode();
        boolean every = "reporting".equals(rows) && !restate;
        var view = every ? rollups.everyReportingUnit(programme, period, unit, person)
                : rollups.view(programme, period, unit, restate, person);
        start(response, "tong-hop-" + programme + "-" + period + "-" + unit + (restate ? "-quy-doi" : "")
                + (every ? "-don-vi-bao-cao" : "") + ".xlsx");
        RollupWorkbook.write(view, response.getOutputStream());
    }

    @GetMapping("/reports/{reportId}/export.xlsx")
    void report(@PathVariable String reportId, HttpServletResponse response) throws IOException {
        Report report = api.report(reportId);
        Plan plan = api.plan(report.planId());
        Plan.Period period = plan.programme().period(report.period());
        Unit unit = api.unit(report.unitCode(), period == null ? null : period.cutOffEnd());
        start(response, "bao-cao-" + report.programme() + "-" + report.period() + "-" + report.unitCode() + ".xlsx");
        ReportWorkbook.write(report, plan, unit.name(), response.getOutputStream());
    }

    private static void start(HttpServletResponse response, String filename) {
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(filename, StandardCharsets.UTF_8).build().toString());
    }
}

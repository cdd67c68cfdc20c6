package dev.cascade.portal.work;

import dev.cascade.portal.PortalPageTest;
import dev.cascade.portal.api.CascadeApi;
import dev.cascade.portal.api.Report;
import dev.cascade.portal.api.ServiceProblem;
import dev.cascade.portal.api.ServiceUnavailable;
import dev.cascade.portal.api.TaskProgress;
import dev.cascade.portal.api.Value;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.math.BigInteger;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cascade.portal.Fixtures.COMMUNE;
import static dev.cascade.portal.Fixtures.PLAN_ID;
import static dev.cascade.portal.Fixtures.Q3;
import static dev.cascade.portal.Fixtures.Q4;
import static dev.cascade.portal.Fixtures.count;
import static dev.cascade.portal.Fixtures.obligation;
import static dev.cascade.portal.Fixtures.plan;
import static dev.cascade.portal.Fixtures.ratio;
import static dev.cascade.portal.Fixtures.report;
import static dev.cascade.portal.Fixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The report form of the commune's 2024-Q4 obligation: the page, the portal's checks and the service's answers. */
class ReportFormPageTest extends PortalPageTest {

    static final String FORM = "/obligations/TE-2024/2024-Q4/10813";

    @BeforeEach
    void services() {
        when(api.plan(PLAN_ID)).thenReturn(plan());
        when(api.unit(COMMUNE, Q4.cutOffEnd())).thenReturn(unit(COMMUNE, "Thị trấn Thanh Hà", "COMMUNE", "108"));
        when(api.report("R-Q3")).thenReturn(report("R-Q3", Q3, "ACCEPTED",
                Map.of("TE01", count("1250"), "TE02", ratio("25", "800"))));
        obligations(null);
    }

    /** The commune owes 2024-Q4 (with this report, or none yet) and reported 2024-Q3. */
    void obligations(String q4Report) {
        when(api.obligationsOf(COMMUNE)).thenReturn(List.of(
                obligation(Q4, q4Report == null ? "OPEN" : "FULFILLED_ON_TIME", q4Report),
                obligation(Q3, "FULFILLED_ON_TIME", "R-Q3")));
    }

    @Test
    void theEmptyFormHasEveryIndicatorTaskAndSectionWithLastPeriodsValues() throws Exception {
        Document page = page(mvc.perform(get(FORM).with(reporter())).andExpect(status().isOk()));

        assertThat(page.select("title").text()).isEqualTo("Báo cáo kết quả tiêm chủng mở rộng 2024-Q4 — Cascade");
        assertThat(page.select("h1").text()).isEqualTo("Báo cáo kết quả tiêm chủng mở rộng");
        assertThat(byId(page, "unit-name").text()).isEqualTo("Thị trấn Thanh Hà (10813)");
        assertThat(page.select(".facts dd").get(2).text()).isEqualTo("17/12/2024");
        assertThat(page.select(".facts dd").get(3).text()).isEqualTo("9");
        assertThat(byId(page, "obligation-status").text()).isEqualTo("Đang mở");
        assertThat(page.select("#report-status")).isEmpty();
        assertThat(byId(page, "report-form").attr("action")).isEqualTo(FORM);
        assertThat(UUID.fromString(control(page, "idempotencyKey").val())).isNotNull();
        assertThat(byId(page, "report-form").attr("data-draft-key")).isEqualTo("cascade-draft|O-10813-2024-Q4");

        List<Element> indicators = page.select(".indicator");
        assertThat(indicators).extracting(i -> i.select("h2").text()).containsExactly(
                "Số trẻ em được tiêm chủng đầy đủ", "Tỷ lệ trẻ em được tiêm chủng đầy đủ", "Số buổi tiêm chủng lưu động");
        // a count: one value; its kind and unit; last period's value with Vietnamese grouping
        Element vaccinated = indicators.get(0);
        assertThat(vaccinated.select(".meta").text()).startsWith("TE01 · số lượng · trẻ");
        assertThat(vaccinated.select(".last").text()).isEqualTo("Kỳ trước (2024-Q3): 1.250");
        assertThat(vaccinated.select("input").eachAttr("name")).containsExactly("values.TE01.value");
        assertThat(vaccinated.select("label").text()).isEqualTo("Giá trị (trẻ)");
        assertThat(control(page, "values.TE01.value").val()).isEmpty();
        // a ratio: numerator and denominator with the indicator's labels; last period's as n/d (percent, half up)
        Element coverage = indicators.get(1);
        assertThat(coverage.select(".meta").text()).startsWith("TE02 · tỷ lệ · %");
        assertThat(coverage.select(".last").text()).isEqualTo("Kỳ trước (2024-Q3): 25/800 (3,13 %)");
        assertThat(coverage.select("input").eachAttr("name"))
                .containsExactly("values.TE02.numerator", "values.TE02.denominator");
        assertThat(coverage.select("label").eachText()).containsExactly("Số trẻ được tiêm đủ", "Số trẻ trong độ tuổi");
        assertThat(coverage.select("output#pct-TE02").text()).isEmpty();
        // not reported last period: nothing to show
        Element sessions = indicators.get(2);
        assertThat(sessions.select(".meta").text()).startsWith("TE03 · số lượng · buổi");
        assertThat(sessions.select(".last")).isEmpty();
        assertThat(page.select(".field-error").eachText()).isEmpty();

        List<Element> tasks = page.select(".task");
        assertThat(tasks).extracting(t -> t.select(".task-title").text()).containsExactly(
                "1. Tổ chức tiêm chủng thường xuyên tại trạm y tế", "2. Truyền thông về lợi ích của tiêm chủng");
        Element status = control(page, "tasks[1].status");
        assertThat(status.tagName()).isEqualTo("select");
        assertThat(status.select("option").eachAttr("value"))
                .containsExactly("", "NOT_STARTED", "IN_PROGRESS", "DONE", "DELAYED");
        assertThat(status.select("option").eachText()).containsExactly("— chưa báo cáo —", "Chưa triển khai",
                "Đang thực hiện", "Hoàn thành", "Chậm tiến độ");
        assertThat(status.select("option[selected]")).isEmpty();
        assertThat(control(page, "tasks[1].text").tagName()).isEqualTo("textarea");

        assertThat(page.select(".narrative label").eachText()).containsExactly("Kết quả đạt được", "Kiến nghị, đề xuất");
        assertThat(page.select(".narrative textarea").eachAttr("name"))
                .containsExactly("narrative.results", "narrative.proposals");

        // the reporter of the unit may submit; no reviewer's decision, no withdrawal, no history yet
        assertThat(page.select("fieldset[disabled]")).isEmpty();
        assertThat(byId(page, "submit").text()).isEqualTo("Gửi báo cáo");
        assertThat(page.select(".decision")).isEmpty();
        assertThat(page.select("form[action*=/review]")).isEmpty();
        assertThat(page.select("form.withdraw")).isEmpty();
        assertThat(page.select(".history")).isEmpty();
    }

    @Test
    void aReturnedReportIsPrefilledWithItsReasonChangesAndHistory() throws Exception {
        obligations("R-Q4");
        when(api.report("R-Q4")).thenReturn(returnedRevision());

        Document page = page(mvc.perform(get(FORM).with(reporter())).andExpect(status().isOk()));

        assertThat(byId(page, "report-status").text()).isEqualTo("Bị trả lại");
        assertThat(byId(page, "return-reason").text()).isEqualTo(
                "Báo cáo bị đơn vị 108 trả lại lúc 03/12/2024 15:30: Số buổi tiêm lưu động chưa khớp sổ theo dõi");
        assertThat(control(page, "values.TE01.value").val()).isEqualTo("1250");
        assertThat(control(page, "values.TE02.numerator").val()).isEqualTo("25");
        assertThat(control(page, "values.TE02.denominator").val()).isEqualTo("800");
        assertThat(byId(page, "pct-TE02").text()).isEqualTo("3,13 %");
        assertThat(control(page, "values.TE03.value").val()).isEqualTo("4");
        assertThat(control(page, "tasks[0].status").select("option[selected]").val()).isEqualTo("DONE");
        assertThat(control(page, "tasks[0].text").text()).isEqualTo("Đã tổ chức 3 đợt tiêm");
        assertThat(control(page, "tasks[1].status").select("option[selected]")).isEmpty();
        assertThat(control(page, "narrative.results").text()).isEqualTo("Hoàn thành kế hoạch quý.");
        assertThat(control(page, "narrative.proposals").text()).isEmpty();
        assertThat(byId(page, "submit").text()).isEqualTo("Gửi bản sửa đổi");
        assertThat(byId(page, "report-form").attr("data-version")).isEqualTo("2");
        assertThat(page.select("form.withdraw").attr("action")).isEqualTo(FORM + "/withdrawal");

        assertThat(page.select("#changes h3").text()).isEqualTo("Thay đổi ở phiên bản 2 so với phiên bản trước");
        assertThat(page.select("#changes li").eachText()).containsExactly(
                "Số trẻ em được tiêm chủng đầy đủ: 1.200 → 1.250",
                "Tỷ lệ trẻ em được tiêm chủng đầy đủ: 20/800 → 25/800",
                "Số buổi tiêm chủng lưu động: — → 4");
        assertThat(page.select("#versions tbody tr").eachText()).containsExactly(
                "1 nguyen.van.a 02/12/2024 10:00",
                "2 nguyen.van.a 03/12/2024 09:00",
                "2 (trả lại) tran.thi.b 03/12/2024 15:30 — Số buổi tiêm lưu động chưa khớp sổ theo dõi");
        assertThat(byId(page, "report-export").attr("href")).isEqualTo("/reports/R-Q4/export.xlsx");
    }

    @Test
    void theParentsReviewerSeesTheReportReadOnlyWithTheDecisionForms() throws Exception {
        obligations("R-Q4");
        when(api.report("R-Q4")).thenReturn(report("R-Q4", Q4, "SUBMITTED",
                Map.of("TE01", count("1250"), "TE02", ratio("25", "800"), "TE03", count("4"))));

        Document page = page(mvc.perform(get(FORM).with(reviewer())).andExpect(status().isOk()));

        assertThat(byId(page, "report-status").text()).isEqualTo("Chờ thẩm định");
        assertThat(page.select("#report-form fieldset")).hasSize(3).allMatch(f -> f.hasAttr("disabled"));
        assertThat(page.select("#submit")).isEmpty();
        assertThat(page.select("form.withdraw")).isEmpty();
        Element decision = page.selectFirst(".decision");
        assertThat(decision).isNotNull();
        assertThat(decision.select("form").eachAttr("action"))
                .containsExactly("/reports/R-Q4/review", "/reports/R-Q4/review");
        assertThat(decision.select("input[name=decision]").eachAttr("value")).containsExactly("ACCEPT", "RETURN");
        assertThat(decision.select("input[name=version]").eachAttr("value")).containsExactly("1", "1");
        assertThat(decision.select("input[name=back]").eachAttr("value")).containsExactly(FORM, FORM);
        assertThat(decision.select("input[name=_csrf]")).hasSize(2);
        // the page goes on after the fragment: the history is there
        assertThat(page.select("#versions tbody tr").eachText()).containsExactly("1 nguyen.van.a 02/12/2024 10:00");
    }

    @Test
    void aReviewerOfAnotherUnitAndTheReporterSeeNoDecision() throws Exception {
        obligations("R-Q4");
        when(api.report("R-Q4")).thenReturn(report("R-Q4", Q4, "SUBMITTED", Map.of("TE01", count("1250"))));

        Document other = page(mvc.perform(get(FORM).with(person("pham.d", "Phạm D", "109", "REVIEWER")))
                .andExpect(status().isOk()));
        Document own = page(mvc.perform(get(FORM).with(reporter())).andExpect(status().isOk()));

        assertThat(other.select(".decision")).isEmpty();
        assertThat(other.select("#submit")).isEmpty();
        assertThat(own.select(".decision")).isEmpty();
        assertThat(own.select("#submit")).hasSize(1);
    }

    @Test
    void thePortalRefusesBadFiguresWithAMessageNextToEachAndKeepsWhatWasTyped() throws Exception {
        Document page = refused(figures("-5", "900", "800", "")
                .param("tasks[0].status", "DONE")
                .param("tasks[0].text", "Đã tổ chức 3 đợt tiêm")
                .param("narrative.proposals", "Đề nghị cấp bổ sung 200 liều vắc xin sởi."));

        assertThat(byId(page, "form-errors").text())
                .isEqualTo("Báo cáo chưa được gửi: có 3 ô cần sửa, xem thông báo bên cạnh từng ô.");
        assertThat(byId(page, "err-values.TE01.value").text()).isEqualTo("Không được là số âm.");
        assertThat(byId(page, "err-values.TE02.numerator").text()).isEqualTo("Tử số không được lớn hơn mẫu số.");
        assertThat(byId(page, "err-values.TE02.denominator").text()).isEmpty();
        assertThat(byId(page, "err-values.TE03.value").text()).isEqualTo("Bắt buộc nhập.");
        assertThat(control(page, "values.TE01.value").attr("aria-invalid")).isEqualTo("true");
        assertThat(control(page, "values.TE02.denominator").attr("aria-invalid")).isEqualTo("false");
        assertThat(control(page, "values.TE01.value").attr("aria-describedby")).isEqualTo("err-values.TE01.value");

        assertThat(control(page, "values.TE01.value").val()).isEqualTo("-5");
        assertThat(control(page, "values.TE02.numerator").val()).isEqualTo("900");
        assertThat(control(page, "values.TE02.denominator").val()).isEqualTo("800");
        assertThat(byId(page, "pct-TE02").text()).isEqualTo("112,5 %");
        assertThat(control(page, "values.TE03.value").val()).isEmpty();
        assertThat(control(page, "tasks[0].status").select("option[selected]").val()).isEqualTo("DONE");
        assertThat(control(page, "tasks[0].text").text()).isEqualTo("Đã tổ chức 3 đợt tiêm");
        assertThat(control(page, "narrative.proposals").text()).isEqualTo("Đề nghị cấp bổ sung 200 liều vắc xin sởi.");
        // the last period's value is still beside its field
        assertThat(page.select(".indicator .last").first().text()).isEqualTo("Kỳ trước (2024-Q3): 1.250");
        verify(api, never()).submit(any(), anyString());
    }

    @Test
    void thePortalRefusesDecimalsTextZeroDenominatorsAndHugeFigures() throws Exception {
        Document page = refused(figures("12.5", "mười", "0", "1000000000001"));

        assertThat(byId(page, "err-values.TE01.value").text()).isEqualTo("Phải là số nguyên.");
        assertThat(byId(page, "err-values.TE02.numerator").text()).isEqualTo("Phải là một số.");
        assertThat(byId(page, "err-values.TE02.denominator").text()).isEqualTo("Mẫu số phải lớn hơn 0.");
        assertThat(byId(page, "err-values.TE03.value").text()).isEqualTo("Vượt quá giới hạn cho phép (10^12).");
        assertThat(control(page, "values.TE01.value").val()).isEqualTo("12.5");
        assertThat(control(page, "values.TE02.numerator").val()).isEqualTo("mười");
        assertThat(byId(page, "form-errors").text()).contains("có 4 ô cần sửa");
        verify(api, never()).submit(any(), anyString());
    }

    @Test
    void theRefusalIsInEnglishOnRequest() throws Exception {
        Document page = refused(figures("", "3", "2", "1").param("lang", "en"));

        assertThat(byId(page, "err-values.TE01.value").text()).isEqualTo("Required.");
        assertThat(byId(page, "err-values.TE02.numerator").text())
                .isEqualTo("The numerator must not exceed the denominator.");
        assertThat(byId(page, "form-errors").text())
                .isEqualTo("The report was not sent: 2 field(s) need fixing, see the message next to each.");
        assertThat(byId(page, "pct-TE02").text()).isEqualTo("150 %");
    }

    @Test
    void aFieldTheServiceRefusesGetsItsMessageNextToIt() throws Exception {
        when(api.submit(any(), anyString())).thenThrow(new ServiceProblem(422,
                "https://cascade.dev/problems/invalid-report", "Invalid report", "1 field is invalid", null,
                List.of(new ServiceProblem.FieldError("values.TE01.value", "must be at most 5000 for a commune"))));

        Document page = refused(valid());

        assertThat(byId(page, "err-values.TE01.value").text())
                .isEqualTo("Hệ thống từ chối giá trị này: must be at most 5000 for a commune");
        assertThat(byId(page, "err-values.TE02.numerator").text()).isEmpty();
        assertThat(byId(page, "form-errors").text()).contains("có 1 ô cần sửa");
        assertThat(control(page, "values.TE01.value").val()).isEqualTo("1250");
        assertThat(control(page, "values.TE02.denominator").val()).isEqualTo("800");
        assertThat(control(page, "narrative.results").text()).isEqualTo("Hoàn thành kế hoạch quý IV.");

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> body = ArgumentCaptor.forClass(Map.class);
        verify(api).submit(body.capture(), eq("key-1"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("TE01", Map.of("value", BigInteger.valueOf(1250)));
        values.put("TE02", Map.of("numerator", BigInteger.valueOf(25), "denominator", BigInteger.valueOf(800)));
        values.put("TE03", Map.of("value", BigInteger.valueOf(4)));
        assertThat(body.getValue()).containsExactly(
                Map.entry("unitCode", COMMUNE), Map.entry("programme", "TE-2024"), Map.entry("period", "2024-Q4"),
                Map.entry("values", values),
                Map.entry("tasks", List.of(Map.of("task", "2", "status", "IN_PROGRESS", "text", "Đã phát 500 tờ rơi"))),
                Map.entry("narrative", Map.of("results", "Hoàn thành kế hoạch quý IV.")));
    }

    @Test
    void aRefusalWithoutFieldsIsShownAboveTheForm() throws Exception {
        when(api.submit(any(), anyString())).thenThrow(new ServiceProblem(409, null, "Conflict",
                "Báo cáo đã được gửi từ một phiên khác", null, List.of()));

        Document page = refused(valid());

        assertThat(page.select("p.error[role=alert]").first().text()).isEqualTo("Báo cáo đã được gửi từ một phiên khác");
        assertThat(control(page, "values.TE01.value").val()).isEqualTo("1250");
    }

    @Test
    void aServiceFailureWithoutAProblemDocumentIsExplained() throws Exception {
        when(api.submit(any(), anyString())).thenThrow(new ServiceProblem(502, null, null, null, null, List.of()));

        Document page = page(mvc.perform(valid()));

        assertThat(page.select("p.error[role=alert]:not(#form-errors)").text()).isNotBlank();
    }

    @Test
    void aForbiddenSubmissionShowsTheProblemPageWithTheRule() throws Exception {
        when(api.submit(any(), anyString())).thenThrow(new ServiceProblem(403,
                "https://cascade.dev/problems/forbidden", "Forbidden",
                "Người dùng không được báo cáo cho đơn vị 10813", "report.submit.own-unit", List.of()));

        Document page = page(mvc.perform(valid()).andExpect(status().isForbidden()));

        assertThat(page.select(".problem h1").text()).isEqualTo("Bạn không có quyền thực hiện việc này");
        assertThat(page.select(".problem p").first().text()).isEqualTo("Người dùng không được báo cáo cho đơn vị 10813");
        assertThat(page.select(".problem .rule").text()).isEqualTo("Quy tắc: report.submit.own-unit");
        assertThat(page.select(".problem a").attr("href")).isEqualTo("/");
        assertThat(page.select("header .person").text()).isEqualTo("Nguyễn Văn A");
    }

    @Test
    void aServiceThatDoesNotAnswerShowsThe503Page() throws Exception {
        when(api.submit(any(), anyString())).thenThrow(new ServiceUnavailable("report-service",
                new HttpTimeoutException("request timed out")));

        Document page = page(mvc.perform(valid()).andExpect(status().isServiceUnavailable()));

        assertThat(page.select(".problem h1").text()).isEqualTo("Hệ thống tạm thời không phản hồi");
        assertThat(page.select(".problem p").first().text()).isEqualTo(
                "Dịch vụ report-service không trả lời. Dữ liệu bạn đã nhập chưa bị mất; hãy thử lại sau ít phút.");
        assertThat(page.select(".problem .rule")).isEmpty();
    }

    @Test
    void anObligationTheUnitDoesNotOweIsNotFound() throws Exception {
        Document page = page(mvc.perform(get("/obligations/TE-2024/2023-Q4/10813").with(reporter()))
                .andExpect(status().isNotFound()));

        assertThat(page.select(".problem h1").text()).isEqualTo("Không tìm thấy");
        assertThat(page.select(".problem p").first().text())
                .isEqualTo("Đơn vị 10813 không có nghĩa vụ báo cáo TE-2024 kỳ 2023-Q4.");
    }

    @Test
    void anAcceptedSubmissionRedirectsToTheFormWhichSaysSo() throws Exception {
        when(api.submit(any(), anyString())).thenReturn(new CascadeApi.Submitted("R-Q4", 1, false));

        MvcResult sent = mvc.perform(valid()).andExpect(status().isFound()).andExpect(redirectedUrl(FORM))
                .andExpect(flash().attribute("notice", "Đã gửi báo cáo (phiên bản 1), đúng hạn."))
                .andReturn();
        obligations("R-Q4");
        when(api.report("R-Q4")).thenReturn(report("R-Q4", Q4, "SUBMITTED", Map.of("TE01", count("1250"))));
        Document page = page(mvc.perform(get(FORM).with(reporter()).flashAttrs(sent.getFlashMap()))
                .andExpect(status().isOk()));

        assertThat(byId(page, "notice").text()).isEqualTo("Đã gửi báo cáo (phiên bản 1), đúng hạn.");
        assertThat(byId(page, "notice").attr("data-sent")).isEqualTo("true");
        assertThat(byId(page, "report-status").text()).isEqualTo("Chờ thẩm định");

        // and the notice is gone on the next visit
        Document again = page(mvc.perform(get(FORM).with(reporter())).andExpect(status().isOk()));
        assertThat(again.select("#notice")).isEmpty();
    }

    @Test
    void aLateSubmissionSaysItWasLate() throws Exception {
        when(api.submit(any(), anyString())).thenReturn(new CascadeApi.Submitted("R-Q4", 3, true));

        mvc.perform(valid()).andExpect(status().isFound())
                .andExpect(flash().attribute("notice", "Đã gửi báo cáo (phiên bản 3), sau hạn."));
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post(FORM).with(reporter()).param("values.TE01.value", "1")).andExpect(status().isForbidden());

        verify(api, never()).submit(any(), anyString());
    }

    @Test
    void aWithdrawalNeedsAReason() throws Exception {
        obligations("R-Q4");
        when(api.report("R-Q4")).thenReturn(report("R-Q4", Q4, "SUBMITTED", Map.of("TE01", count("1250"))));

        mvc.perform(post(FORM + "/withdrawal").with(reporter()).with(csrf()).param("reason", "  "))
                .andExpect(status().isFound()).andExpect(redirectedUrl(FORM))
                .andExpect(flash().attribute("withdrawError", "Cần nêu lý do."));
        verify(api, never()).withdraw(anyString(), anyString());

        mvc.perform(post(FORM + "/withdrawal").with(reporter()).with(csrf()).param("reason", "Nhập nhầm kỳ"))
                .andExpect(status().isFound()).andExpect(flash().attribute("notice", "Đã rút báo cáo."));
        verify(api).withdraw("R-Q4", "Nhập nhầm kỳ");
    }

    private static MockHttpServletRequestBuilder submit() {
        return post(FORM).with(reporter()).with(csrf()).param("idempotencyKey", "key-1");
    }

    /** The form sent with these figures of TE01, TE02 (numerator and denominator) and TE03, as typed. */
    private static MockHttpServletRequestBuilder figures(String te01, String numerator, String denominator,
                                                         String te03) {
        return submit()
                .param("values.TE01.value", te01)
                .param("values.TE02.numerator", numerator)
                .param("values.TE02.denominator", denominator)
                .param("values.TE03.value", te03);
    }

    /** The page of a refused submission: the form again (422), with the messages. */
    private Document refused(MockHttpServletRequestBuilder submission) throws Exception {
        return page(mvc.perform(submission).andExpect(status().isUnprocessableContent()));
    }

    /** Figures the portal accepts; task 1 left blank, task 2 reported; one narrative section. */
    private static MockHttpServletRequestBuilder valid() {
        return submit()
                .param("values.TE01.value", "1250")
                .param("values.TE02.numerator", " 25 ")
                .param("values.TE02.denominator", "800")
                .param("values.TE03.value", "4")
                .param("tasks[0].status", "")
                .param("tasks[0].text", "")
                .param("tasks[1].status", "IN_PROGRESS")
                .param("tasks[1].text", "Đã phát 500 tờ rơi")
                .param("narrative.results", "Hoàn thành kế hoạch quý IV.")
                .param("narrative.proposals", "   ");
    }

    /** Version 2 of the commune's 2024-Q4 report, returned by the district. */
    static Report returnedRevision() {
        Instant first = Instant.parse("2024-12-02T03:00:00Z");
        Instant second = Instant.parse("2024-12-03T02:00:00Z");
        Map<String, Value> v1 = Map.of("TE01", count("1200"), "TE02", ratio("20", "800"));
        Map<String, Value> v2 = Map.of("TE01", count("1250"), "TE02", ratio("25", "800"), "TE03", count("4"));
        List<TaskProgress> tasks = List.of(new TaskProgress("1", "DONE", "Đã tổ chức 3 đợt tiêm"));
        Map<String, String> narrative = Map.of("results", "Hoàn thành kế hoạch quý.");
        return new Report("R-Q4", COMMUNE, "108", "TE-2024", "2024-Q4", PLAN_ID, "O-10813-2024-Q4", false, first, 2,
                "nguyen.van.a", second, v2, tasks, narrative,
                List.of(new Report.Version(1, "nguyen.van.a", first, v1, tasks, narrative),
                        new Report.Version(2, "nguyen.van.a", second, v2, tasks, narrative)),
                "RETURNED", List.of(new Report.Review(2, "RETURNED", "108", "tran.thi.b",
                Instant.parse("2024-12-03T08:30:00Z"), "Số buổi tiêm lưu động chưa khớp sổ theo dõi")), List.of());
    }

    @Test
    void anObligationClosedByAnAmendmentSaysWhyAndOffersNoForm() throws Exception {
        var q4 = obligation(Q4, "CLOSED", null);
        when(api.obligationsOf(COMMUNE)).thenReturn(List.of(new dev.cascade.portal.api.Obligation(q4.obligationId(),
                q4.planId(), q4.programme(), q4.period(), q4.unitCode(), q4.level(), q4.parentCode(), q4.deadline(),
                q4.dueAt(), "CLOSED", null, null, null, List.of(), false, "NO_LONGER_REQUIRED"),
                obligation(Q3, "FULFILLED_ON_TIME", "R-Q3")));

        Document page = page(mvc.perform(get(FORM).with(reporter())).andExpect(status().isOk()));

        assertThat(page.select("#obligation-status").text()).isEqualTo("Không còn phải nộp");
        assertThat(page.select("#closed-reason").text())
                .isEqualTo("Kế hoạch đã sửa đổi, đơn vị không còn phải báo cáo kỳ này.");
        assertThat(page.select("#report-form")).isEmpty();
    }
}

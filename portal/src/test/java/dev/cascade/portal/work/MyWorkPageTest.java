package dev.cascade.portal.work;

import dev.cascade.portal.PortalPageTest;
import dev.cascade.portal.api.Report;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.cascade.portal.Fixtures.COMMUNE;
import static dev.cascade.portal.Fixtures.PLAN_ID;
import static dev.cascade.portal.Fixtures.Q1;
import static dev.cascade.portal.Fixtures.Q2;
import static dev.cascade.portal.Fixtures.Q3;
import static dev.cascade.portal.Fixtures.Q4;
import static dev.cascade.portal.Fixtures.count;
import static dev.cascade.portal.Fixtures.obligation;
import static dev.cascade.portal.Fixtures.plan;
import static dev.cascade.portal.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** "My work" (/): the commune's obligations, overdue first. */
class MyWorkPageTest extends PortalPageTest {

    @Test
    void listsTheObligationsOverdueFirstWithTheirStatusDeadlineAndLink() throws Exception {
        Report returned = withReturn(report("R-Q2", Q2, "RETURNED", Map.of("TE01", count("800"))),
                "Thiếu số liệu tháng 5, đề nghị bổ sung");
        when(api.obligationsOf(COMMUNE)).thenReturn(List.of(
                obligation(Q1, "FULFILLED_LATE", "R-Q1"),
                obligation(Q4, "OPEN", null),
                obligation(Q2, "FULFILLED_ON_TIME", "R-Q2"),
                obligation(Q3, "OVERDUE", null)));
        when(api.plan(PLAN_ID)).thenReturn(plan());
        when(api.report("R-Q1")).thenReturn(report("R-Q1", Q1, "ACCEPTED", Map.of("TE01", count("700"))));
        when(api.report("R-Q2")).thenReturn(returned);

        Document page = page(mvc.perform(get("/").with(reporter())).andExpect(status().isOk()));

        assertThat(page.select("html").attr("lang")).isEqualTo("vi");
        assertThat(page.select("h1").text()).isEqualTo("Việc của tôi");
        assertThat(page.select("#obligations caption").text())
                .isEqualTo("Nghĩa vụ báo cáo của đơn vị 10813, quá hạn trước");
        List<Element> rows = page.select("#obligations tbody tr");
        assertThat(rows).extracting(row -> row.attr("data-status"))
                .containsExactly("OVERDUE", "RETURNED", "OPEN", "FULFILLED_LATE");
        assertThat(rows).extracting(row -> row.select("td").get(1).text())
                .containsExactly("2024-Q3", "2024-Q2", "2024-Q4", "2024-Q1");
        assertThat(rows).extracting(row -> row.select("td .status").text())
                .containsExactly("Quá hạn", "Bị trả lại", "Đang mở", "Đã nộp muộn");
        assertThat(rows).extracting(row -> row.select("td").get(2).text())
                .containsExactly("17/09/2024", "19/06/2024", "17/12/2024", "19/03/2024");

        Element overdue = rows.get(0);
        assertThat(overdue.select("td").get(3).text()).as("working days since the deadline").startsWith("-");
        Element reportReturned = rows.get(1);
        assertThat(reportReturned.select(".reason").text())
                .isEqualTo("Bị trả lại: Thiếu số liệu tháng 5, đề nghị bổ sung");
        assertThat(reportReturned.select("td").get(3).text()).as("fulfilled: no days left to count").isEqualTo("—");
        Element open = rows.get(2);
        // Thu 5 and Fri 6, Mon 9 to Fri 13, Mon 16 and Tue 17 December
        assertThat(open.select("td").get(3).text()).isEqualTo("9");
        assertThat(open.select(".reason")).isEmpty();
        assertThat(open.select("td a").attr("href")).isEqualTo("/obligations/TE-2024/2024-Q4/10813");
        assertThat(open.select("td a").text()).isEqualTo("Báo cáo kết quả tiêm chủng mở rộng");
        assertThat(open.select("td").get(5).text()).isEqualTo("2625/KH-UBND — Kế hoạch tiêm chủng mở rộng năm 2024");
        assertThat(rows).extracting(row -> row.select("td a").attr("href")).containsExactly(
                "/obligations/TE-2024/2024-Q3/10813", "/obligations/TE-2024/2024-Q2/10813",
                "/obligations/TE-2024/2024-Q4/10813", "/obligations/TE-2024/2024-Q1/10813");

        // the header: who is signed in, and a reporter's menu without review
        assertThat(page.select("header .person").text()).isEqualTo("Nguyễn Văn A");
        assertThat(page.select("header .unit").text()).isEqualTo("10813");
        assertThat(page.select("header nav a")).extracting(a -> a.attr("href"))
                .containsExactly("/", "/rollup", "/plans", "/inbox");
        assertThat(page.select("header a.lang").attr("href")).isEqualTo("/?lang=en");
        // one plan read once for its four obligations
        verify(api, times(1)).plan(PLAN_ID);
    }

    @Test
    void aUnitWithoutObligationsIsToldSo() throws Exception {
        when(api.obligationsOf(COMMUNE)).thenReturn(List.of());

        Document page = page(mvc.perform(get("/").with(reporter())).andExpect(status().isOk()));

        assertThat(page.select("#obligations")).isEmpty();
        assertThat(page.select("section p").text()).isEqualTo("Đơn vị của bạn không có nghĩa vụ báo cáo nào.");
    }

    @Test
    void inEnglishOnRequest() throws Exception {
        when(api.obligationsOf(COMMUNE)).thenReturn(List.of(obligation(Q3, "OVERDUE", null),
                obligation(Q4, "OPEN", null)));
        when(api.plan(PLAN_ID)).thenReturn(plan());

        var result = mvc.perform(get("/").param("lang", "en").with(reporter())).andExpect(status().isOk()).andReturn();
        Document page = page(result);

        assertThat(page.select("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("h1").text()).isEqualTo("My work");
        assertThat(page.select("#obligations tbody .status")).extracting(Element::text)
                .containsExactly("Overdue", "Open");
        // dates stay dd/MM/yyyy in English
        assertThat(page.select("#obligations tbody tr").get(1).select("td").get(2).text()).isEqualTo("17/12/2024");
        assertThat(page.select("header a.lang").text()).isEqualTo("Tiếng Việt");
        assertThat(result.getResponse().getCookie("cascade-lang").getValue()).isEqualTo("en");
    }

    static Report withReturn(Report report, String reason) {
        return new Report(report.reportId(), report.unitCode(), report.parentCode(), report.programme(),
                report.period(), report.planId(), report.obligationId(), report.late(), report.firstSubmittedAt(),
                report.version(), report.submittedBy(), report.submittedAt(), report.values(), report.tasks(),
                report.narrative(), report.versions(), "RETURNED",
                List.of(new Report.Review(report.version(), "RETURNED", "108", "tran.thi.b",
                        Instant.parse("2024-12-03T08:30:00Z"), reason)), report.withdrawals());
    }

    @Test
    void aSuccessorSaysWhomItReplacesAndAClosedObligationSaysWhyWithNothingLeftToCount() throws Exception {
        var successor = obligation(Q4, "OPEN", null);
        successor = new dev.cascade.portal.api.Obligation(successor.obligationId(), successor.planId(),
                successor.programme(), successor.period(), successor.unitCode(), successor.level(), "22",
                successor.deadline(), successor.dueAt(), "OPEN", null, null, null,
                List.of("06808", "06814", "06820", "06823"), true, null);
        var closed = obligation(Q3, "CLOSED", null);
        closed = new dev.cascade.portal.api.Obligation(closed.obligationId(), closed.planId(), closed.programme(),
                closed.period(), closed.unitCode(), closed.level(), closed.parentCode(), closed.deadline(),
                closed.dueAt(), "CLOSED", null, null, null, List.of(), false, "PLAN_REVOKED");
        when(api.obligationsOf(COMMUNE)).thenReturn(List.of(closed, successor));
        when(api.plan(PLAN_ID)).thenReturn(plan());

        Document page = page(mvc.perform(get("/").with(reporter())).andExpect(status().isOk()));

        List<Element> rows = page.select("#obligations tbody tr");
        assertThat(rows).extracting(row -> row.attr("data-status")).containsExactly("OPEN", "CLOSED");
        assertThat(rows.get(0).select(".replaces").text())
                .isEqualTo("Thay cho 06808, 06814, 06820, 06823 (một phần địa bàn)");
        assertThat(rows.get(1).select(".replaces")).isEmpty();
        assertThat(rows.get(1).select(".status").text()).isEqualTo("Không còn phải nộp");
        assertThat(rows.get(1).select(".reason").text()).isEqualTo("Kế hoạch đã bị bãi bỏ, không còn nhận báo cáo.");
        assertThat(rows.get(1).select("td").get(3).text()).isEqualTo("—");
    }
}

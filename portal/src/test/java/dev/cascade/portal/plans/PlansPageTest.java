package dev.cascade.portal.plans;

import dev.cascade.portal.PortalPageTest;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.PlanSummary;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dev.cascade.portal.Fixtures.PLAN_ID;
import static dev.cascade.portal.Fixtures.PROGRAMME_OF_PLAN;
import static dev.cascade.portal.Fixtures.PROVINCE;
import static dev.cascade.portal.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Plans: the list, newest first, and a plan's basis chain, targets by year, tasks and reporting schedule. */
class PlansPageTest extends PortalPageTest {

    @Test
    void theListIsNewestFirstWithDatesAndStatuses() throws Exception {
        when(api.plans()).thenReturn(List.of(
                summary("KH-HD-2023-TCMR", "REVOKED", "88/KH-UBND", LocalDate.of(2023, 2, 14)),
                summary("KH-HD-2025-TCMR", "DRAFT", "Dự thảo", null),
                summary(PLAN_ID, "ISSUED", "2625/KH-UBND", LocalDate.of(2024, 1, 5))));

        Document page = page(mvc.perform(get("/plans").with(reporter())).andExpect(status().isOk()));

        List<Element> rows = page.select("#plans tbody tr");
        assertThat(rows).extracting(r -> r.select("td").get(0).text())
                .containsExactly("2625/KH-UBND", "88/KH-UBND", "Dự thảo");
        assertThat(rows).extracting(r -> r.select("td").get(3).text()).containsExactly("05/01/2024", "14/02/2023", "");
        assertThat(rows).extracting(r -> r.select("td").get(4).text())
                .containsExactly("Đã ban hành", "Đã thu hồi", "Dự thảo");
        assertThat(rows.get(0).select("a").attr("href")).isEqualTo("/plans/" + PLAN_ID);
        assertThat(rows.get(0).select("td.num").text()).isEqualTo("3");
    }

    @Test
    void aPlansDetailFollowsItsBasisAndShowsTargetsTasksAndDeadlines() throws Exception {
        Plan district = plan("KH-TH-2024-TCMR", "45/KH-UBND", "Kế hoạch tiêm chủng của huyện Thanh Hà",
                List.of(PLAN_ID, "Luật Trẻ em 2016"), PROGRAMME_OF_PLAN);
        Plan province = plan(PLAN_ID, "2625/KH-UBND", "Kế hoạch tiêm chủng mở rộng năm 2024",
                List.of("KH-BYT-2023-TCMR", "Luật Trẻ em 2016"), PROGRAMME_OF_PLAN);
        Plan ministry = plan("KH-BYT-2023-TCMR", "1520/KH-BYT", "Kế hoạch tiêm chủng mở rộng giai đoạn 2023–2025",
                List.of("Quyết định 1234/QĐ-BYT"), PROGRAMME_OF_PLAN);
        when(api.plan("KH-TH-2024-TCMR")).thenReturn(district);
        when(api.plan(PLAN_ID)).thenReturn(province);
        when(api.plan("KH-BYT-2023-TCMR")).thenReturn(ministry);

        Document page = page(mvc.perform(get("/plans/KH-TH-2024-TCMR").with(reporter())).andExpect(status().isOk()));

        assertThat(page.select("h1").text()).isEqualTo("45/KH-UBND Kế hoạch tiêm chủng của huyện Thanh Hà");
        assertThat(page.select(".facts dd").eachText())
                .containsExactly(PROVINCE, "05/01/2024", "Đã ban hành", "2024–2025", "3");
        // followed depth first up to the ministry's plan; a document two plans rest on is listed once
        List<Element> basis = page.select("#basis li");
        assertThat(basis).extracting(Element::text).containsExactly(
                "2625/KH-UBND — Kế hoạch tiêm chủng mở rộng năm 2024",
                "1520/KH-BYT — Kế hoạch tiêm chủng mở rộng giai đoạn 2023–2025",
                "Quyết định 1234/QĐ-BYT", "Luật Trẻ em 2016");
        assertThat(basis).extracting(li -> li.select("a").attr("href"))
                .containsExactly("/plans/" + PLAN_ID, "/plans/KH-BYT-2023-TCMR", "", "");
        verify(api, times(1)).plan(PLAN_ID);

        assertThat(page.select("#targets thead th").eachText()).containsExactly("Chỉ tiêu", "2024", "2025");
        assertThat(page.select("#targets tbody tr").eachText())
                .containsExactly("TE01 ≥ 2.000 ≥ 2.200", "TE02 trong khoảng 90–95 ≥ 95");

        assertThat(page.select("#tasks tbody tr").eachText()).containsExactly(
                "1 Tổ chức tiêm chủng thường xuyên tại trạm y tế 10813 10814, 10815",
                "2 Truyền thông về lợi ích của tiêm chủng 108");

        assertThat(page.select("#schedule thead th").eachText())
                .containsExactly("Kỳ", "Thời gian lấy số liệu", "Cấp xã", "Cấp huyện", "Cấp tỉnh", "Bộ");
        List<Element> schedule = page.select("#schedule tbody tr");
        assertThat(schedule).hasSize(4);
        assertThat(schedule.get(3).select("td").eachText()).containsExactly("2024-Q4", "15/09/2024 – 14/12/2024",
                "17/12/2024", "20/12/2024", "25/12/2024", "31/12/2024");
        assertThat(page.select("h2 + p").last().text())
                .isEqualTo("Báo cáo kết quả tiêm chủng mở rộng (TE-2024, QUARTERLY)");
    }

    @Test
    void thePlanInEnglish() throws Exception {
        when(api.plan(PLAN_ID)).thenReturn(plan());

        Document page = page(mvc.perform(get("/plans/" + PLAN_ID).param("lang", "en").with(reporter()))
                .andExpect(status().isOk()));

        assertThat(page.select("h2").eachText()).containsExactly("Basis", "Targets by year", "Tasks",
                "Reporting schedule and deadlines");
        assertThat(page.select("#targets tbody tr").eachText())
                .containsExactly("TE01 ≥ 2,000 ≥ 2,200", "TE02 between 90–95 ≥ 95");
        assertThat(page.select("#schedule thead th").eachText())
                .containsExactly("Period", "Cut-off window", "Commune", "District", "Province", "Ministry");
        assertThat(page.select("#basis li")).isEmpty();
    }

    static PlanSummary summary(String id, String status, String number, LocalDate issued) {
        return new PlanSummary(id, status, 1, number, "Kế hoạch " + number, PROVINCE, issued, "TE-2024", 3, 4, 2);
    }
}

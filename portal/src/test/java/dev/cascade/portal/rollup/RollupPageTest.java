package dev.cascade.portal.rollup;

import dev.cascade.portal.PortalPageTest;
import dev.cascade.portal.api.Aggregate;
import dev.cascade.portal.api.MissingUnits;
import dev.cascade.portal.api.PlanSummary;
import dev.cascade.portal.api.Unit;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.cascade.portal.Fixtures.DISTRICT;
import static dev.cascade.portal.Fixtures.PLAN_ID;
import static dev.cascade.portal.Fixtures.PROVINCE;
import static dev.cascade.portal.Fixtures.plan;
import static dev.cascade.portal.Fixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The roll-up page of the province for 2024-Q4, through the real {@link RollupService} over the mock API: a
 * district that rolled up, a district with nothing yet, a city-level commune that reported.
 */
class RollupPageTest extends PortalPageTest {

    static final String PAGE = "/rollup/TE-2024/2024-Q4/" + PROVINCE;
    static final LocalDate DAY = LocalDate.of(2024, 12, 14);
    static final Unit HAI_DUONG = unit(PROVINCE, "Tỉnh Hải Dương", "PROVINCE", "00");
    static final Unit THANH_HA = unit(DISTRICT, "Huyện Thanh Hà", "DISTRICT", PROVINCE);
    static final Unit KIM_THANH = unit("109", "Huyện Kim Thành", "DISTRICT", PROVINCE);
    static final Unit TU_MINH = unit("10001", "Phường Tứ Minh", "COMMUNE", PROVINCE);

    @BeforeEach
    void services() {
        when(api.planOfProgramme("TE-2024")).thenReturn(plan());
        when(api.unit(eq(PROVINCE), any())).thenReturn(HAI_DUONG);
        when(api.path(eq(PROVINCE), any())).thenReturn(List.of(HAI_DUONG));
        when(api.children(eq(PROVINCE), any())).thenReturn(List.of(THANH_HA, KIM_THANH, TU_MINH));
        when(api.missing("TE-2024", "2024-Q4", PROVINCE)).thenReturn(new MissingUnits("TE-2024|2024-Q4|30", 5, 3,
                List.of(new MissingUnits.Missing("10814", "Xã Thanh Xuân", DISTRICT),
                        new MissingUnits.Missing("10901", "Xã Kim Xuyên", "109"))));
    }

    @Test
    void showsCompletenessMissingUnitsTargetsAndChildrenWithDrillDown() throws Exception {
        when(api.aggregate("TE-2024", "2024-Q4", PROVINCE, false)).thenReturn(aggregate(false));

        Document page = page(mvc.perform(get(PAGE).with(provinceReviewer())).andExpect(status().isOk()));

        assertThat(page.select("title").text())
                .isEqualTo("Tỉnh Hải Dương — Báo cáo kết quả tiêm chủng mở rộng 2024-Q4 — Cascade");
        assertThat(page.select("h1 > span").text()).isEqualTo("Tỉnh Hải Dương");
        assertThat(page.select(".asof").text()).isEqualTo(
                "Số liệu tính đến 05/12/2024 08:00 (phiên bản 42), tự cập nhật khi có báo cáo mới.");
        assertThat(byId(page, "received").text()).isEqualTo("3 / 5");
        assertThat(byId(page, "on-time").text()).isEqualTo("2");
        assertThat(byId(page, "late").text()).isEqualTo("1");
        assertThat(byId(page, "missing-count").text()).isEqualTo("2");
        assertThat(page.select("#missing summary").text()).isEqualTo("Đơn vị chưa gửi (2)");
        assertThat(page.select("#missing li").eachText()).containsExactly("Xã Thanh Xuân (10814)", "Xã Kim Xuyên (10901)");

        List<Element> values = page.select("#values tbody tr");
        assertThat(values).extracting(r -> r.attr("data-indicator")).containsExactly("TE01", "TE02", "TE03");
        assertThat(values.get(0).select("td.num").text()).isEqualTo("2.500");
        assertThat(values.get(0).select(".target").attr("class")).isEqualTo("target met");
        assertThat(values.get(0).select(".target").text()).isEqualTo("Đạt (≥ 2.000, " + PLAN_ID + ")");
        assertThat(values.get(1).select("td.num").text()).isEqualTo("62,5 %");
        assertThat(values.get(1).select(".target").attr("class")).isEqualTo("target behind");
        assertThat(values.get(1).select(".target").text()).isEqualTo("Chưa đạt (trong khoảng 90–95 %, " + PLAN_ID + ")");
        assertThat(values.get(2).select("td.num").text()).isEqualTo("—");
        assertThat(values.get(2).select(".target")).isEmpty();

        List<Element> children = page.select("#children tbody tr");
        assertThat(children).extracting(r -> r.attr("data-unit")).containsExactly(DISTRICT, "109", "10001");
        Element thanhHa = children.get(0);
        assertThat(thanhHa.select("th a").attr("href")).isEqualTo("/rollup/TE-2024/2024-Q4/108");
        assertThat(thanhHa.select("th a").text()).isEqualTo("Huyện Thanh Hà");
        assertThat(texts(thanhHa.select("td"))).containsExactly("2 / 3", "1.300", "60", "");
        assertThat(thanhHa.hasClass("missing")).isFalse();
        Element kimThanh = children.get(1);
        assertThat(kimThanh.hasClass("missing")).isTrue();
        assertThat(kimThanh.select("th a").attr("href")).isEqualTo("/rollup/TE-2024/2024-Q4/109");
        assertThat(kimThanh.select("td").first().text()).isEqualTo("Chưa gửi");
        Element tuMinh = children.get(2);
        assertThat(tuMinh.select("th a").attr("href")).isEqualTo("/obligations/TE-2024/2024-Q4/10001");
        assertThat(texts(tuMinh.select("td"))).containsExactly("1 / 1", "1.200", "65", "");

        assertThat(page.select("#children a, nav.crumbs a")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.attr("href")).doesNotContain("restate"));
        assertThat(page.select("nav.crumbs a").eachAttr("href")).containsExactly("/rollup/TE-2024/2024-Q4/30");
        Element live = page.selectFirst("[hx-ext=sse]");
        assertThat(live.attr("sse-connect")).isEqualTo("/live/rollup/TE-2024/2024-Q4/30");
        assertThat(byId(page, "rollup-body").attr("hx-get")).isEqualTo("/rollup/TE-2024/2024-Q4/30/body");
        assertThat(byId(page, "rollup-body").attr("hx-trigger")).isEqualTo("sse:aggregate");
        assertThat(byId(page, "rollup-body").attr("data-version")).isEqualTo("42");
        assertThat(byId(page, "rollup-export").attr("href")).isEqualTo("/rollup/TE-2024/2024-Q4/30/export.xlsx");
        // a period before the 2025 reform offers the restated view
        assertThat(byId(page, "restate-link").attr("href")).isEqualTo("/rollup/TE-2024/2024-Q4/30?restate=true");
        verify(api).unit(PROVINCE, DAY);
        verify(api).children(PROVINCE, DAY);
    }

    @Test
    void theRestatedViewKeepsRestateInItsLinksAndIsNotLive() throws Exception {
        when(api.aggregate("TE-2024", "2024-Q4", PROVINCE, true)).thenReturn(aggregate(true));

        Document page = page(mvc.perform(get(PAGE).param("restate", "true").with(provinceReviewer()))
                .andExpect(status().isOk()));

        assertThat(page.select("#rollup-body > p.notice").text()).isEqualTo(
                "Số liệu quy đổi theo đơn vị hành chính sau sắp xếp; có đơn vị sáp nhập một phần nên chỉ là gần đúng.");
        assertThat(page.select("[hx-ext=sse]").attr("sse-connect")).isEmpty();
        assertThat(page.selectFirst("[hx-ext=sse]").hasAttr("sse-connect")).isFalse();
        assertThat(byId(page, "rollup-body").hasAttr("hx-trigger")).isFalse();
        assertThat(byId(page, "rollup-body").attr("hx-get")).isEqualTo("/rollup/TE-2024/2024-Q4/30/body?restate=true");
        assertThat(page.select("#children th a").eachAttr("href")).containsExactly(
                "/rollup/TE-2024/2024-Q4/108?restate=true", "/rollup/TE-2024/2024-Q4/109?restate=true",
                "/obligations/TE-2024/2024-Q4/10001");
        assertThat(page.select("#restate-link")).isEmpty();
        assertThat(byId(page, "rollup-export").attr("href"))
                .isEqualTo("/rollup/TE-2024/2024-Q4/30/export.xlsx?restate=true");
        // no missing list in a restated view: the units it would name are gone
        assertThat(page.select("#missing")).isEmpty();
        verify(api, never()).missing(anyString(), anyString(), anyString());
    }

    @Test
    void theLivePartIsTheBodyAlone() throws Exception {
        when(api.aggregate("TE-2024", "2024-Q4", PROVINCE, false)).thenReturn(aggregate(false));

        String body = mvc.perform(get(PAGE + "/body").with(provinceReviewer())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(body.strip()).startsWith("<div id=\"rollup-body\"").endsWith("</div>").doesNotContain("<html");
        Document fragment = org.jsoup.Jsoup.parseBodyFragment(body);
        assertThat(fragment.getElementById("received").text()).isEqualTo("3 / 5");
        assertThat(fragment.select("#children tbody tr")).hasSize(3);
    }

    @Test
    void aDistrictReviewerSeesThePathFromTheirOwnUnitOnly() throws Exception {
        Unit commune = unit("10813", "Thị trấn Thanh Hà", "COMMUNE", DISTRICT);
        when(api.aggregate("TE-2024", "2024-Q4", DISTRICT, false)).thenReturn(new Aggregate("TE-2024", "2024-Q4",
                DISTRICT, "DISTRICT", PROVINCE, 7, null, Map.of(), new Aggregate.Completeness(3, 0, 0, 0), List.of(),
                List.of(), false, false, List.of()));
        when(api.missing("TE-2024", "2024-Q4", DISTRICT)).thenReturn(new MissingUnits("k", 3, 0, List.of()));
        when(api.unit(eq(DISTRICT), any())).thenReturn(THANH_HA);
        when(api.path(eq(DISTRICT), any())).thenReturn(List.of(THANH_HA, HAI_DUONG));
        when(api.children(eq(DISTRICT), any())).thenReturn(List.of(commune));

        Document page = page(mvc.perform(get("/rollup/TE-2024/2024-Q4/108").with(reviewer()))
                .andExpect(status().isOk()));

        assertThat(page.select("nav.crumbs a").eachText()).containsExactly("Huyện Thanh Hà");
        assertThat(page.select(".asof")).isEmpty();
        assertThat(byId(page, "received").text()).isEqualTo("0 / 3");
        assertThat(byId(page, "missing-count").text()).isEqualTo("3");
        assertThat(page.select("#missing")).isEmpty();
        // a commune without a report: neither drill-down nor form link
        Element row = page.selectFirst("#children tbody tr");
        assertThat(row.select("a")).isEmpty();
        assertThat(row.select("th span").text()).isEqualTo("Thị trấn Thanh Hà");
        assertThat(row.select("td").first().text()).isEqualTo("—");
    }

    @Test
    void theChoiceListsTheIssuedProgrammesPeriodsForThePersonsUnit() throws Exception {
        when(api.plans()).thenReturn(List.of(
                new PlanSummary(PLAN_ID, "ISSUED", 1, "2625/KH-UBND", "Kế hoạch tiêm chủng", PROVINCE,
                        LocalDate.of(2024, 1, 5), "TE-2024", 3, 4, 2),
                new PlanSummary("KH-HD-2025-DRAFT", "DRAFT", 1, "Dự thảo", "Dự thảo", PROVINCE, null, "TE-2025", 0, 0, 0),
                new PlanSummary("KH-HD-2024-NOPROG", "ISSUED", 1, "12/KH-UBND", "Không có chế độ báo cáo", PROVINCE,
                        LocalDate.of(2024, 2, 1), null, 0, 0, 0)));
        when(api.plan(PLAN_ID)).thenReturn(plan());

        Document page = page(mvc.perform(get("/rollup").with(provinceReviewer())).andExpect(status().isOk()));

        assertThat(page.select("#programmes tbody tr")).hasSize(1);
        assertThat(page.select("#programmes tbody td").eachText().subList(0, 2))
                .containsExactly("Báo cáo kết quả tiêm chủng mở rộng", "2625/KH-UBND");
        assertThat(page.select("a.period-link").eachAttr("href")).containsExactly(
                "/rollup/TE-2024/2024-Q1/30", "/rollup/TE-2024/2024-Q2/30", "/rollup/TE-2024/2024-Q3/30",
                "/rollup/TE-2024/2024-Q4/30");
        verify(api, never()).plan("KH-HD-2025-DRAFT");
    }

    static Aggregate aggregate(boolean restated) {
        Aggregate.Child thanhHa = new Aggregate.Child(DISTRICT, "ROLLUP", 12, Map.of(
                "TE01", figure("1300"), "TE02", figure("60")), new Aggregate.Completeness(3, 2, 1, 1));
        Aggregate.Child tuMinh = new Aggregate.Child("10001", "REPORT", 1, Map.of(
                "TE01", figure("1200"), "TE02", figure("65")), new Aggregate.Completeness(1, 1, 1, 0));
        return new Aggregate("TE-2024", "2024-Q4", PROVINCE, "PROVINCE", "00", 42,
                Instant.parse("2024-12-05T01:00:00Z"), Map.of("TE01", figure("2500"), "TE02", figure("62.5")),
                new Aggregate.Completeness(5, 3, 2, 1),
                List.of(new Aggregate.TargetProgress("TE01", PLAN_ID, 2024, "AT_LEAST", new BigDecimal("2000"), null,
                                new BigDecimal("2500"), true, BigDecimal.ZERO),
                        new Aggregate.TargetProgress("TE02", PLAN_ID, 2024, "RANGE", new BigDecimal("90"),
                                new BigDecimal("95"), new BigDecimal("62.5"), false, new BigDecimal("27.5"))),
                List.of(thanhHa, tuMinh), restated, restated, List.of());
    }

    static Aggregate.Figure figure(String value) {
        return new Aggregate.Figure("SUM", new BigDecimal(value), null, null, null, null);
    }
}

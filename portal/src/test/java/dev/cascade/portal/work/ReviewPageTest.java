package dev.cascade.portal.work;

import dev.cascade.portal.PortalPageTest;
import dev.cascade.portal.api.ServiceProblem;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.cascade.portal.Fixtures.DISTRICT;
import static dev.cascade.portal.Fixtures.PROVINCE;
import static dev.cascade.portal.Fixtures.Q4;
import static dev.cascade.portal.Fixtures.count;
import static dev.cascade.portal.Fixtures.obligation;
import static dev.cascade.portal.Fixtures.report;
import static dev.cascade.portal.Fixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Review (/review): the district reviewer's children's reports that wait for a decision. */
class ReviewPageTest extends PortalPageTest {

    @Test
    void listsOnlyTheChildrensSubmittedReportsOldestFirst() throws Exception {
        when(api.obligationsUnder(DISTRICT)).thenReturn(List.of(
                obligation(DISTRICT, PROVINCE, Q4, "FULFILLED_ON_TIME", "R-108"),   // its own: the province reviews it
                obligation("10813", DISTRICT, Q4, "FULFILLED_ON_TIME", "R-10813"),
                obligation("10814", DISTRICT, Q4, "FULFILLED_ON_TIME", "R-10814"),  // already accepted
                obligation("10815", DISTRICT, Q4, "OPEN", null),                     // nothing sent
                obligation("10816", DISTRICT, Q4, "FULFILLED_LATE", "R-10816"),
                obligation("1081301", "10813", Q4, "FULFILLED_ON_TIME", "R-1081301"))); // a grandchild
        when(api.report("R-10813")).thenReturn(report("R-10813", "10813", Q4, "SUBMITTED",
                Map.of("TE01", count("1250")), Instant.parse("2024-12-04T02:00:00Z")));
        when(api.report("R-10814")).thenReturn(report("R-10814", "10814", Q4, "ACCEPTED",
                Map.of("TE01", count("900")), Instant.parse("2024-12-01T02:00:00Z")));
        when(api.report("R-10816")).thenReturn(report("R-10816", "10816", Q4, "SUBMITTED",
                Map.of("TE01", count("40")), Instant.parse("2024-12-03T01:15:00Z")));

        when(api.children(DISTRICT, LocalDate.of(2024, 12, 5))).thenReturn(List.of(
                unit("10813", "Thị trấn Thanh Hà", "COMMUNE", DISTRICT),
                unit("10816", "Xã Thanh Hồng", "COMMUNE", DISTRICT)));

        Document page = page(mvc.perform(get("/review").with(reviewer())).andExpect(status().isOk()));

        assertThat(page.select("h1").text()).isEqualTo("Thẩm định báo cáo");
        assertThat(page.select("#nothing-waiting")).isEmpty();
        List<Element> waiting = page.select(".waiting");
        assertThat(waiting).extracting(w -> w.attr("data-unit")).containsExactly("10816", "10813");
        Element first = waiting.get(0);
        assertThat(first.select("h2 a").text()).isEqualTo("Xã Thanh Hồng (10816) — TE-2024 2024-Q4");
        assertThat(waiting.get(1).select("h2 a").text()).isEqualTo("Thị trấn Thanh Hà (10813) — TE-2024 2024-Q4");
        assertThat(texts(first.select("table.figures tr"))).containsExactly("TE01 40");
        assertThat(first.select("h2 a").attr("href")).isEqualTo("/obligations/TE-2024/2024-Q4/10816");
        assertThat(first.select("h2 + p").text()).isEqualTo("Phiên bản 1, gửi bởi nguyen.van.a lúc 03/12/2024 08:15");
        assertThat(first.select("form").eachAttr("action"))
                .containsExactly("/reports/R-10816/review", "/reports/R-10816/review");
        assertThat(first.select("input[name=back]").eachAttr("value")).containsExactly("/review", "/review");
        assertThat(first.select("label").text()).isEqualTo("Lý do trả lại");
        // the reviewer's menu has review
        assertThat(page.select("header nav a[href=/review]").text()).isEqualTo("Thẩm định");
        verify(api, never()).report("R-108");
        verify(api, never()).report("R-1081301");
    }

    @Test
    void aReporterHasNothingToReview() throws Exception {
        Document page = page(mvc.perform(get("/review").with(reporter())).andExpect(status().isOk()));

        assertThat(page.select(".waiting")).isEmpty();
        assertThat(page.select("#nothing-waiting").text()).isEqualTo("Không có báo cáo nào chờ thẩm định.");
        assertThat(page.select("header nav a[href=/review]")).isEmpty();
        verify(api, never()).obligationsUnder(anyString());
    }

    @Test
    void returningWithoutAReasonIsNotSentAndSaysWhy() throws Exception {
        when(api.obligationsUnder(DISTRICT)).thenReturn(List.of());

        MvcResult refused = mvc.perform(post("/reports/R-10813/review").with(reviewer()).with(csrf())
                        .param("decision", "RETURN").param("version", "2").param("reason", "   ")
                        .param("back", "/review"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/review"))
                .andExpect(flash().attribute("reviewError", "Cần nêu lý do khi trả lại báo cáo."))
                .andReturn();
        verify(api, never()).review(anyString(), anyString(), anyString(), anyInt());

        Document page = page(mvc.perform(get("/review").with(reviewer()).flashAttrs(refused.getFlashMap()))
                .andExpect(status().isOk()));
        assertThat(page.select("p.error[role=alert]").text()).isEqualTo("Cần nêu lý do khi trả lại báo cáo.");
    }

    @Test
    void returningWithAReasonSendsTheDecisionForThatVersion() throws Exception {
        mvc.perform(post("/reports/R-10813/review").with(reviewer()).with(csrf())
                        .param("decision", "RETURN").param("version", "2")
                        .param("reason", "Số buổi tiêm lưu động chưa khớp sổ theo dõi")
                        .param("back", "/obligations/TE-2024/2024-Q4/10813"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/obligations/TE-2024/2024-Q4/10813"))
                .andExpect(flash().attribute("notice", "Đã trả lại báo cáo R-10813."));

        verify(api).review("R-10813", "RETURN", "Số buổi tiêm lưu động chưa khớp sổ theo dõi", 2);
    }

    @Test
    void acceptingNeedsNoReasonAndAnOutsideBackLinkIsIgnored() throws Exception {
        mvc.perform(post("/reports/R-10813/review").with(reviewer()).with(csrf())
                        .param("decision", "ACCEPT").param("version", "1").param("back", "//evil.example/phish"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/review"))
                .andExpect(flash().attribute("notice", "Đã chấp nhận báo cáo R-10813."));

        verify(api).review("R-10813", "ACCEPT", "", 1);
    }

    @Test
    void aDecisionOnAVersionThatChangedSaysToReload() throws Exception {
        doThrow(new ServiceProblem(409, null, "Conflict", "version 1 is not the latest", null, List.of()))
                .when(api).review("R-10813", "ACCEPT", "", 1);

        mvc.perform(post("/reports/R-10813/review").with(reviewer()).with(csrf())
                        .param("decision", "ACCEPT").param("version", "1"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/review"))
                .andExpect(flash().attribute("reviewError",
                        "Báo cáo đã thay đổi hoặc đã được thẩm định; hãy tải lại trang."));
    }
}

package dev.cascade.portal.inbox;

import dev.cascade.portal.PortalPageTest;
import dev.cascade.portal.api.Inbox;
import dev.cascade.portal.api.InboxItem;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The inbox of the commune's clerk: a reminder not yet read, a notice read. */
class InboxPageTest extends PortalPageTest {

    @BeforeEach
    void inbox() {
        when(api.inbox("nguyen.van.a")).thenReturn(new Inbox("nguyen.van.a", 1, List.of(
                new InboxItem("N-2", "REMINDER", "10813", "O-10813-2024-Q4", "10813", "TE-2024", "2024-Q4",
                        "Còn 3 ngày làm việc đến hạn báo cáo 2024-Q4", "Hạn nộp: 17/12/2024.",
                        "http://localhost:8080/obligations/TE-2024/2024-Q4/10813",
                        Instant.parse("2024-12-12T01:00:00Z"), false, null),
                new InboxItem("N-1", "REPORT_ACCEPTED", "10813", "O-10813-2024-Q3", "10813", "TE-2024", "2024-Q3",
                        "Báo cáo 2024-Q3 đã được chấp nhận", "Huyện Thanh Hà đã chấp nhận.", null,
                        Instant.parse("2024-09-20T09:45:00Z"), true, Instant.parse("2024-09-21T01:00:00Z")))));
    }

    @Test
    void showsTheUnreadCountAndEachItemWithItsLink() throws Exception {
        Document page = page(mvc.perform(get("/inbox").with(reporter())).andExpect(status().isOk()));

        assertThat(byId(page, "unread").text()).isEqualTo("1 thông báo chưa đọc");
        assertThat(page.select("section[hx-ext=sse]").attr("sse-connect")).isEqualTo("/live/inbox");
        List<Element> items = page.select("article.item");
        assertThat(items).extracting(i -> i.attr("class")).containsExactly("item unread", "item read");
        assertThat(items).extracting(i -> i.attr("data-kind")).containsExactly("REMINDER", "REPORT_ACCEPTED");
        Element reminder = items.get(0);
        assertThat(reminder.select("h2").text()).isEqualTo("Còn 3 ngày làm việc đến hạn báo cáo 2024-Q4 12/12/2024 08:00");
        assertThat(reminder.select("a.act").attr("href"))
                .isEqualTo("http://localhost:8080/obligations/TE-2024/2024-Q4/10813");
        assertThat(reminder.select("a.act").text()).isEqualTo("Mở trang xử lý");
        assertThat(reminder.select("pre").text()).isEqualTo("Hạn nộp: 17/12/2024.");
        assertThat(reminder.select("form").attr("action")).isEqualTo("/inbox/N-2");
        assertThat(reminder.select("input[name=read]").val()).isEqualTo("true");
        assertThat(reminder.select("button").text()).isEqualTo("Đánh dấu đã đọc");
        Element accepted = items.get(1);
        assertThat(accepted.select("a.act")).isEmpty();
        assertThat(accepted.select("input[name=read]").val()).isEqualTo("false");
        assertThat(accepted.select("button").text()).isEqualTo("Đánh dấu chưa đọc");
    }

    @Test
    void inEnglish() throws Exception {
        Document page = page(mvc.perform(get("/inbox").param("lang", "en").with(reporter()))
                .andExpect(status().isOk()));

        assertThat(page.select("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("h1").text()).isEqualTo("Inbox");
        assertThat(byId(page, "unread").text()).isEqualTo("1 unread");
        assertThat(page.select("a.act").text()).isEqualTo("Open the page to act");
        assertThat(page.select("article button").eachText()).containsExactly("Mark as read", "Mark as unread");
        assertThat(page.select("header nav a").eachText()).containsExactly("My work", "Roll-ups", "Plans", "Inbox");
        assertThat(page.select("header a.lang").attr("href")).isEqualTo("/inbox?lang=vi");
    }

    @Test
    void theLivePartIsTheItemsAlone() throws Exception {
        String items = mvc.perform(get("/inbox/items").with(reporter())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(items.strip()).startsWith("<div id=\"inbox-items\"").doesNotContain("<html");
        assertThat(org.jsoup.Jsoup.parseBodyFragment(items).select("article.item")).hasSize(2);
    }

    @Test
    void markingAnItemReadTellsTheServiceForThePerson() throws Exception {
        mvc.perform(post("/inbox/N-2").param("read", "true").with(reporter()).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/inbox"));

        verify(api).markRead("nguyen.van.a", "N-2", true);
    }
}

package dev.cascade.notification.inbox;

import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.ReportingSeason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

/** The in-app inbox over HTTP and as a live feed of server-sent events, with read/unread. */
class InboxIT extends NotificationServiceTestSupport {

    static final String USER = "nguyen.van.an";

    @Autowired
    MockMvc mockMvc;
    @Autowired
    Inbox inboxes;
    @Autowired
    InboxFeed feed;

    @Test
    void remindersArriveInTheInboxAndOnItsLiveFeedAndCanBeMarkedReadAndUnread() throws Exception {
        clockAt("2024-12-07T08:00:00+07:00");
        ReportingSeason.units(Map.of("10825", "Xã Tân Việt")).forEach(units::apply);
        assertThat(mvc.put().uri("/contacts/10825").contentType(MediaType.APPLICATION_JSON)
                .content("{\"emails\":[],\"inboxUsers\":[\"" + USER + "\"]}")).hasStatusOk().bodyJson()
                .extractingPath("$.inboxUsers").asArray().containsExactly(USER);
        tracker.opened(ReportingSeason.opened("10825"));

        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        var inbox = mvc.get().uri("/inbox/{user}", USER).exchange();
        assertThat(inbox).hasStatusOk().bodyJson().extractingPath("$.unread").isEqualTo(1);
        assertThat(inbox).bodyJson().extractingPath("$.items[0].subject")
                .isEqualTo("[Cascade] Nhắc hạn báo cáo: TH-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 3 ngày)");
        assertThat(inbox).bodyJson().extractingPath("$.items[0].read").isEqualTo(false);
        assertThat(inbox).bodyJson().extractingPath("$.items[0].link")
                .isEqualTo(ReportingSeason.PORTAL + "/obligations/TH-GDNN-ANNUAL/2024/10825");
        String first = json.readTree(inbox.getResponse().getContentAsString()).path("items").get(0).path("id").asString();

        MvcResult stream = mockMvc.perform(get("/inbox/{user}/stream", USER).accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(request().asyncStarted()).andReturn();
        await().until(() -> stream.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8).contains("id:" + first));
        assertThat(stream.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("event:notification")
                .contains("(còn 3 ngày)", "\"link\":\"" + ReportingSeason.PORTAL
                        + "/obligations/TH-GDNN-ANNUAL/2024/10825\"");

        clockAt("2024-12-09T08:00:00+07:00");
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        await().until(() -> stream.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8).contains("(còn 1 ngày)"));

        // delivered by another instance: only in the store; the feed's poll finds it and sends it once
        inboxes.add(new InboxItem("from-the-other-instance", USER, "DIGEST", "30", null, "30", "TH-GDNN-ANNUAL",
                "2024", "[Cascade] Tổng hợp ngày 09/12/2024: 1/1 đơn vị trực thuộc chưa gửi báo cáo", "…",
                ReportingSeason.PORTAL + "/rollup/TH-GDNN-ANNUAL/2024/30#missing", CLOCK.instant(), null));
        feed.poll();
        feed.poll();
        await().until(() -> stream.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)
                .contains("id:from-the-other-instance"));
        String streamed = stream.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(streamed.split("id:from-the-other-instance", -1)).as("sent once").hasSize(2);
        assertThat(streamed.split("id:" + first, -1)).as("sent once").hasSize(2);
        assertThat(feed.openStreams(USER)).isEqualTo(1);
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is("from-the-other-instance")), "inbox");

        assertThat(mvc.post().uri("/inbox/{user}/items/{id}/read", USER, first)).hasStatusOk().bodyJson()
                .extractingPath("$.readAt").isEqualTo("2024-12-09T01:00:00Z");
        assertThat(mvc.get().uri("/inbox/{user}?unread=true", USER)).bodyJson()
                .extractingPath("$.items[*].subject").asArray().containsExactly(
                        "[Cascade] Nhắc hạn báo cáo: TH-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 1 ngày)");
        assertThat(mvc.get().uri("/inbox/{user}", USER)).bodyJson().extractingPath("$.unread").isEqualTo(1);

        assertThat(mvc.post().uri("/inbox/{user}/items/{id}/unread", USER, first)).hasStatusOk().bodyJson()
                .extractingPath("$.read").isEqualTo(false);
        assertThat(mvc.get().uri("/inbox/{user}", USER)).bodyJson().extractingPath("$.unread").isEqualTo(2);

        assertThat(mvc.post().uri("/inbox/{user}/items/{id}/read", USER, "no-such-item"))
                .hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/inbox/{user}", "bad user!")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("user");
    }

    @Test
    void anItemLinksToTheReportFormWithProgrammePeriodAndUnitEncodedAsPathSegments() throws Exception {
        clockAt("2024-12-07T08:00:00+07:00");
        ReportingSeason.units(Map.of("10825", "Xã Tân Việt")).forEach(units::apply);
        contacts.set("10825", List.of(), List.of(), List.of(USER));
        // codes the plans do not use today, but a link must keep each one a single path segment
        String programme = "BC GDNN/2024";
        String period = "Quý IV#2";
        tracker.opened(new ObligationOpened(programme + "|" + period + "|10825", "KH-294-2024", programme, period,
                "10825", UnitLevel.COMMUNE, "294", ReportingSeason.DEADLINE,
                ReportingSeason.DEADLINE.plusDays(1).atStartOfDay(ReportingSeason.HCM).toInstant(), 1));

        assertThat(reminders.dispatchDue()).isEqualTo(1);

        String form = ReportingSeason.PORTAL + "/obligations/BC%20GDNN%2F2024/Qu%C3%BD%20IV%232/10825";
        var inbox = mvc.get().uri("/inbox/{user}", USER).exchange();
        assertThat(inbox).hasStatusOk().bodyJson().extractingPath("$.items[0].link").isEqualTo(form);
        assertThat(inbox).bodyJson().extractingPath("$.items[0].text").asString()
                .contains("\nMở biểu mẫu báo cáo: " + form + "\n", "\nOpen the report form: " + form + "\n");
    }

    @Test
    void contactsRefuseBadWebhooksAndInboxUsersNamingEachFieldAndChangeNothing() {
        clockAt("2024-12-01T08:00:00+07:00");
        ReportingSeason.units(Map.of("10825", "Xã Tân Việt")).forEach(units::apply);
        var response = mvc.put().uri("/contacts/10825").contentType(MediaType.APPLICATION_JSON).content("""
                {"emails":["vanthu@tanviet.example"],
                 "webhooks":[{"url":"ftp://example.org/x","secret":"0123456789abcdef"},
                             {"url":"https://ubnd.example/hooks","secret":"short"}],
                 "inboxUsers":["ok.user","bad user"]}""");

        assertThat(response).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[*].field")
                .asArray().containsExactly("webhooks[0].url", "webhooks[1].secret", "inboxUsers[1]");
        assertThat(mvc.get().uri("/contacts/10825")).hasStatus(HttpStatus.NOT_FOUND);

        assertThat(mvc.put().uri("/contacts/10825").contentType(MediaType.APPLICATION_JSON).content("""
                {"emails":["vanthu@tanviet.example"],
                 "webhooks":[{"url":"https://ubnd.example/hooks","secret":"0123456789abcdef"}],
                 "inboxUsers":["ok.user"]}""")).hasStatusOk().bodyJson().isEqualTo("""
                {"unitCode":"10825","unitName":"Xã Tân Việt","emails":["vanthu@tanviet.example"],
                 "updatedAt":"2024-12-01T01:00:00Z",
                 "webhooks":[{"url":"https://ubnd.example/hooks","secretSet":true}],"inboxUsers":["ok.user"]}""");
        assertThat(mvc.get().uri("/contacts/10825")).bodyJson().doesNotHavePath("$.webhooks[0].secret");
    }
}

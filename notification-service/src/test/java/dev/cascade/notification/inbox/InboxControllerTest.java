package dev.cascade.notification.inbox;

import dev.cascade.notification.NotificationSlices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The in-app inbox over MockMvc: listing, marking read and unread, and the server-sent-events stream (through the
 * real, in-memory {@link InboxFeed}; only the store is mocked).
 */
@NotificationSlices.Web(InboxController.class)
@Import(InboxFeed.class)
class InboxControllerTest extends NotificationSlices.WebTest {

    static final String USER = "nguyen.van.an";

    @MockitoBean
    Inbox inbox;

    static final String LINK = "https://cascade.example/obligations/HD-GDNN-ANNUAL/2024/10813";

    static InboxItem item(String id, String createdAt, Instant readAt) {
        return item(id, createdAt, readAt, LINK);
    }

    static InboxItem item(String id, String createdAt, Instant readAt, String link) {
        return new InboxItem(id, USER, "REMINDER_3_DAYS_BEFORE", "10813", "HD-GDNN-ANNUAL|2024|10813", "10813",
                "HD-GDNN-ANNUAL", "2024", "Nhắc hạn báo cáo " + id, "Còn 3 ngày", link, Instant.parse(createdAt),
                readAt);
    }

    @Test
    void listsTheUsersItemsNewestFirstWithTheUnreadCount() {
        when(inbox.unread(USER)).thenReturn(1L);
        when(inbox.of(USER, false)).thenReturn(List.of(item("n-2", "2024-12-06T01:00:00Z", null),
                item("n-1", "2024-12-05T01:00:00Z", Instant.parse("2024-12-05T02:00:00Z"), null)));

        var response = mvc.get().uri("/inbox/{user}", USER).exchange();

        assertThat(response).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"user":"nguyen.van.an","unread":1,"items":[
                  {"id":"n-2","kind":"REMINDER_3_DAYS_BEFORE","unitCode":"10813",
                   "obligationId":"HD-GDNN-ANNUAL|2024|10813","programme":"HD-GDNN-ANNUAL","period":"2024",
                   "subject":"Nhắc hạn báo cáo n-2",
                   "link":"https://cascade.example/obligations/HD-GDNN-ANNUAL/2024/10813","read":false,"readAt":null},
                  {"id":"n-1","link":null,"read":true,"readAt":"2024-12-05T02:00:00Z"}]}""");
        verify(inbox).of(USER, false);
    }

    @Test
    void unreadTrueAsksForTheUnreadItemsOnlyAndAnythingElseIsRefused() {
        when(inbox.of(USER, true)).thenReturn(List.of());

        assertThat(mvc.get().uri("/inbox/{user}?unread=true", USER)).hasStatusOk().bodyJson()
                .extractingPath("$.items").asArray().isEmpty();
        verify(inbox).of(USER, true);

        var refused = mvc.get().uri("/inbox/{user}?unread=maybe", USER).exchange();
        assertRefused(refused, HttpStatus.BAD_REQUEST, "unread");
        assertThat(refused).bodyJson().extractingPath("$.errors[0].message").isEqualTo("must be true or false");
    }

    @Test
    void refusesAMalformedUserBeforeReadingTheInbox() {
        assertRefused(mvc.get().uri("/inbox/{user}", "nguyen van an").exchange(), HttpStatus.BAD_REQUEST, "user");
        assertRefused(mvc.post().uri("/inbox/{user}/items/{id}/read", "x".repeat(65), "n-1").exchange(),
                HttpStatus.BAD_REQUEST, "user");
        verifyNoInteractions(inbox);
    }

    @Test
    void marksAnItemReadAtTheBusinessClocksTimeAndUnreadAgain() {
        Instant now = NotificationSlices.NOW;
        when(inbox.mark(USER, "n-1", true, now)).thenReturn(Optional.of(item("n-1", "2024-12-05T01:00:00Z", now)));
        when(inbox.mark(USER, "n-1", false, now)).thenReturn(Optional.of(item("n-1", "2024-12-05T01:00:00Z", null)));

        assertThat(mvc.post().uri("/inbox/{user}/items/{id}/read", USER, "n-1")).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("{\"id\":\"n-1\",\"read\":true,\"readAt\":\"2024-12-07T01:00:00Z\"}");
        assertThat(mvc.post().uri("/inbox/{user}/items/{id}/unread", USER, "n-1")).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("{\"id\":\"n-1\",\"read\":false,\"readAt\":null}");
        verify(inbox).mark(USER, "n-1", true, now);
        verify(inbox).mark(USER, "n-1", false, now);
    }

    @Test
    void markingAnItemTheUserDoesNotHaveIsA404NamingTheId() {
        when(inbox.mark(eq(USER), eq("n-9"), eq(true), any())).thenReturn(Optional.empty());

        var response = mvc.post().uri("/inbox/{user}/items/{id}/read", USER, "n-9").exchange();

        assertRefused(response, HttpStatus.NOT_FOUND, "id");
        assertThat(response).bodyJson().extractingPath("$.detail").isEqualTo("User nguyen.van.an has no inbox item n-9");
    }

    @Test
    void theStreamSendsTheUnreadBacklogOldestFirstThenEachNewItem(@Autowired MockMvc mockMvc,
                                                                    @Autowired InboxFeed feed) throws Exception {
        when(inbox.of(USER, true)).thenReturn(List.of(item("n-3", "2024-12-06T01:00:00Z", null),
                item("n-2", "2024-12-05T01:00:00Z", null)));

        MvcResult stream = mockMvc.perform(get("/inbox/{user}/stream", USER).accept(MediaType.TEXT_EVENT_STREAM))
                .andReturn();
        feed.push(USER, InboxController.ItemView.of(item("n-4", "2024-12-07T00:30:00Z", null)));
        feed.push("someone.else", InboxController.ItemView.of(item("n-5", "2024-12-07T00:31:00Z", null)));

        assertThat(stream.getRequest().isAsyncStarted()).isTrue();
        assertThat(feed.openStreams(USER)).isEqualTo(1);
        String events = stream.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(events).containsSubsequence("event:" + InboxController.EVENT + "\nid:n-2\n", "id:n-3\n",
                "id:n-4\ndata:{\"id\":\"n-4\"", "\"subject\":\"Nhắc hạn báo cáo n-4\"",
                "\"link\":\"" + LINK + "\"").doesNotContain("n-5");
    }

    @Test
    void aStreamForAMalformedUserIsRefusedWithoutSubscribing(@Autowired InboxFeed feed) {
        var response = mvc.get().uri("/inbox/{user}/stream", "a b").accept(MediaType.TEXT_EVENT_STREAM).exchange();

        assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(feed.openStreams("a b")).isZero();
        verifyNoInteractions(inbox);
    }

    @Test
    void aSixthStreamOfOneUserIsRefusedWith429AndOpensAgainOnceOneCloses(@Autowired MockMvc mockMvc,
                                                                         @Autowired InboxFeed feed) throws Exception {
        String busy = "busy.user";
        List<Runnable> open = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(feed.subscribe(busy, item -> true, List.of()));
        }

        var refused = mvc.get().uri("/inbox/{user}/stream", busy).accept(MediaType.TEXT_EVENT_STREAM).exchange();

        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("Retry-After", "30");
        assertThat(refused).bodyJson().isLenientlyEqualTo("""
                {"type":"urn:cascade:problem:too-many-streams","status":429,"title":"Too many inbox streams",
                 "limit":5,"scope":"user","errors":[{"field":"user","message":"at most 5 open inbox streams per user"}]}""");
        assertThat(feed.openStreams(busy)).isEqualTo(5);

        open.remove(0).run();
        MvcResult stream = mockMvc.perform(get("/inbox/{user}/stream", busy).accept(MediaType.TEXT_EVENT_STREAM))
                .andReturn();
        assertThat(stream.getRequest().isAsyncStarted()).isTrue();
        assertThat(feed.openStreams(busy)).isEqualTo(5);
        open.forEach(Runnable::run);
        assertThat(feed.openStreams(busy)).isEqualTo(1);
    }
}

package dev.cascade.notification.inbox;

import dev.cascade.notification.contact.InboxUsers;
import dev.cascade.notification.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The in-app inbox of a user: {@code GET /inbox/{user}} (newest first, {@code ?unread=true} for the unread only),
 * {@code POST /inbox/{user}/items/{id}/read} and {@code .../unread}, and the live feed
 * {@code GET /inbox/{user}/stream} (server-sent events named {@code notification}, unread backlog first).
 */
@RestController
@RequestMapping("/inbox/{user}")
class InboxController {

    private final Inbox inbox;
    private final InboxFeed feed;
    private final Clock clock;

    InboxController(Inbox inbox, InboxFeed feed, Clock clock) {
        this.inbox = inbox;
        this.feed = feed;
        this.clock = clock;
    }

    /** One item as shown and streamed. */
    record ItemView(String id, String kind, String unitCode, String obligationId, String obligationUnitCode,
                    String programme, String period, String subject, String text, Instant createdAt, boolean read,
                    Instant readAt) {

        static ItemView of(InboxItem i) {
            return new ItemView(i.id(), i.kind(), i.unitCode(), i.obligationId(), i.obligationUnitCode(),
                    i.programme(), i.period(), i.subject(), i.text(), i.createdAt(), i.read(), i.readAt());
        }
    }

    record InboxView(String user, long unread, List<ItemView> items) {
    }

    @GetMapping
    InboxView list(@PathVariable String user, @RequestParam(defaultValue = "false") boolean unread) {
        checkUser(user);
        return new InboxView(user, inbox.unread(user),
                inbox.of(user, unread).stream().map(ItemView::of).toList());
    }

    @PostMapping("/items/{id}/read")
    ResponseEntity<?> read(@PathVariable String user, @PathVariable String id) {
        return mark(user, id, true);
    }

    @PostMapping("/items/{id}/unread")
    ResponseEntity<?> unread(@PathVariable String user, @PathVariable String id) {
        return mark(user, id, false);
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String user) {
        checkUser(user);
        List<ItemView> backlog = new java.util.ArrayList<>(inbox.of(user, true).stream().map(ItemView::of).toList());
        java.util.Collections.reverse(backlog);
        return feed.open(user, backlog);
    }

    private ResponseEntity<?> mark(String user, String id, boolean read) {
        checkUser(user);
        return inbox.mark(user, id, read, clock.instant()).<ResponseEntity<?>>map(i -> ResponseEntity.ok(ItemView.of(i)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "User " + user + " has no inbox item " + id)));
    }

    private static void checkUser(String user) {
        if (!InboxUsers.valid(user)) {
            throw new InvalidRequestException("user", "must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
    }
}

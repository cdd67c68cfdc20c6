package dev.cascade.notification.inbox;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.notification.NotificationSettings;
import dev.cascade.notification.access.NotificationAccess;
import dev.cascade.notification.contact.InboxUsers;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.ProblemBodies;
import dev.cascade.platform.web.RequestRefused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The in-app inbox of a user, named by the subject ({@code sub}) of their token and readable by that user only
 * ({@link NotificationAccess#ownInbox}): {@code GET /inbox/{user}} (newest first, {@code ?unread=true} for the unread only),
 * {@code POST /inbox/{user}/items/{id}/read} and {@code .../unread}, and the live feed
 * {@code GET /inbox/{user}/stream} (server-sent events named {@code notification}, unread backlog first).
 */
@RestController
@RequestMapping("/inbox/{user}")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class InboxController {

    private static final Logger log = LoggerFactory.getLogger(InboxController.class);
    /** The name of the server-sent event that carries an item. */
    static final String EVENT = "notification";

    private final Inbox inbox;
    private final InboxFeed feed;
    private final Clock clock;
    private final NotificationSettings settings;
    private final NotificationAccess access;

    /** One item as shown and streamed. */
    record ItemView(String id, String kind, String unitCode, String obligationId, String obligationUnitCode,
                    String programme, String period, String subject, String text,
                    @Schema(description = "The page of the portal where the user acts, the one the text names: the "
                            + "report form {portal}/obligations/{programme}/{period}/{unitCode} of a reminder or "
                            + "overdue notice, the roll-up {portal}/rollup/{programme}/{period}/{unitCode}#missing "
                            + "of the recipients' unit for an escalation or a digest (path segments percent-encoded); "
                            + "null for an item stored before items carried links",
                            example = "https://cascade.example/obligations/TH-GDNN-ANNUAL/2024/10813")
                    String link,
                    Instant createdAt, boolean read, Instant readAt) {

        static ItemView of(InboxItem i) {
            return new ItemView(i.id(), i.kind(), i.unitCode(), i.obligationId(), i.obligationUnitCode(),
                    i.programme(), i.period(), i.subject(), i.text(), i.link(), i.createdAt(), i.read(), i.readAt());
        }
    }

    record InboxView(String user, long unread, List<ItemView> items) {
    }

    @Operation(summary = "A user's inbox items, newest first")
    @GetMapping
    InboxView list(@PathVariable String user, @RequestParam(defaultValue = "false") boolean unread, Caller caller) {
        checkUser(user);
        access.ownInbox(caller, user);
        return new InboxView(user, inbox.unread(user),
                inbox.of(user, unread).stream().map(ItemView::of).toList());
    }

    @Operation(summary = "Marks an inbox item read")
    @PostMapping("/items/{id}/read")
    ResponseEntity<?> read(@PathVariable String user, @PathVariable String id, Caller caller) {
        return mark(user, id, true, caller);
    }

    @Operation(summary = "Marks an inbox item unread")
    @PostMapping("/items/{id}/unread")
    ResponseEntity<?> unread(@PathVariable String user, @PathVariable String id, Caller caller) {
        return mark(user, id, false, caller);
    }

    @Operation(summary = "Server-sent events: a user's new inbox items")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String user, Caller caller) {
        checkUser(user);
        access.ownInbox(caller, user);
        List<ItemView> backlog = new java.util.ArrayList<>(inbox.of(user, true).stream().map(ItemView::of).toList());
        java.util.Collections.reverse(backlog);
        SseEmitter emitter = new SseEmitter(settings.inboxStreamTimeout().toMillis());
        Runnable unsubscribe = feed.subscribe(user, item -> {
            try {
                emitter.send(SseEmitter.event().name(EVENT).id(item.id()).data(item, MediaType.APPLICATION_JSON));
                return true;
            } catch (IOException | IllegalStateException e) {
                log.debug("inbox stream closed: {}", e.toString());
                emitter.completeWithError(e);
                return false;
            }
        }, backlog);
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(e -> unsubscribe.run());
        return emitter;
    }

    /** Over a cap of {@link InboxLimits}: 429, the stream not opened. */
    @ExceptionHandler(StreamLimitReached.class)
    ResponseEntity<ProblemDetail> tooManyStreams(StreamLimitReached e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                (e.perUser() ? "This user has " : "This service has ") + "too many inbox streams open (at most "
                        + e.limit() + "); close one, or try again later");
        problem.setTitle("Too many inbox streams");
        problem.setType(ProblemBodies.type("too-many-streams"));
        problem.setProperty("limit", e.limit());
        problem.setProperty("scope", e.perUser() ? "user" : "service");
        if (e.perUser()) {
            problem.setProperty("errors", List.of(new FieldProblem("user", "at most " + e.limit()
                    + " open inbox streams per user")));
        }
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private ResponseEntity<?> mark(String user, String id, boolean read, Caller caller) {
        checkUser(user);
        access.ownInbox(caller, user);
        return inbox.mark(user, id, read, clock.instant()).<ResponseEntity<?>>map(i -> ResponseEntity.ok(ItemView.of(i)))
                .orElseThrow(() -> RequestRefused.notKnown("id", "User " + user + " has no inbox item " + id));
    }

    private static void checkUser(String user) {
        if (!InboxUsers.valid(user)) {
            throw RequestRefused.invalid("user", "must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
    }
}

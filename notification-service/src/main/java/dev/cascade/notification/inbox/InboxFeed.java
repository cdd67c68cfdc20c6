package dev.cascade.notification.inbox;

import dev.cascade.notification.NotificationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live inbox feed: server-sent events to every open {@code GET /inbox/{user}/stream} of this instance. An item is
 * pushed by the instance that delivered it; a client that connects gets the unread items first.
 */
@Component
public class InboxFeed {

    private static final Logger log = LoggerFactory.getLogger(InboxFeed.class);
    static final String EVENT = "notification";

    private final Map<String, List<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final NotificationSettings settings;

    public InboxFeed(NotificationSettings settings) {
        this.settings = settings;
    }

    /** Opens a stream for the user, starting with {@code backlog} (oldest first). */
    public SseEmitter open(String user, List<InboxController.ItemView> backlog) {
        SseEmitter emitter = new SseEmitter(settings.inboxStreamTimeout().toMillis());
        List<SseEmitter> userStreams = streams.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>());
        userStreams.add(emitter);
        Runnable remove = () -> userStreams.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        for (InboxController.ItemView item : backlog) {
            if (!send(emitter, item)) {
                remove.run();
                break;
            }
        }
        return emitter;
    }

    /** Pushes a new item to the user's open streams. */
    public void push(String user, InboxController.ItemView item) {
        for (SseEmitter emitter : streams.getOrDefault(user, List.of())) {
            if (!send(emitter, item)) {
                streams.get(user).remove(emitter);
            }
        }
    }

    /** Open streams of a user (for tests and metrics). */
    public int open(String user) {
        return streams.getOrDefault(user, List.of()).size();
    }

    private static boolean send(SseEmitter emitter, InboxController.ItemView item) {
        try {
            emitter.send(SseEmitter.event().name(EVENT).id(item.id()).data(item, MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException e) {
            log.debug("inbox stream closed: {}", e.toString());
            emitter.completeWithError(e);
            return false;
        }
    }
}

package dev.cascade.notification.inbox;

import dev.cascade.notification.NotificationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live inbox feed: server-sent events to every open {@code GET /inbox/{user}/stream} of this instance. A client
 * that connects gets the unread items first; an item delivered by this instance is pushed at once, one delivered by
 * another instance when {@link #poll()} finds it in the store (every {@code inbox-poll-interval}). Each stream sends
 * an item once.
 */
@Component
public class InboxFeed {

    private static final Logger log = LoggerFactory.getLogger(InboxFeed.class);
    static final String EVENT = "notification";
    /** How many of a user's newest items a poll looks at. */
    static final int POLL_WINDOW = 50;

    private final Map<String, List<Stream>> streams = new ConcurrentHashMap<>();
    private final NotificationSettings settings;
    private final Inbox inbox;

    public InboxFeed(NotificationSettings settings, Inbox inbox) {
        this.settings = settings;
        this.inbox = inbox;
    }

    /** One open stream and the items it has sent. */
    private record Stream(SseEmitter emitter, Set<String> sent) {
        synchronized boolean send(InboxController.ItemView item) {
            if (!sent.add(item.id())) {
                return true;
            }
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

    /** Opens a stream for the user, starting with {@code backlog} (oldest first). */
    public SseEmitter open(String user, List<InboxController.ItemView> backlog) {
        Stream stream = new Stream(new SseEmitter(settings.inboxStreamTimeout().toMillis()),
                Collections.newSetFromMap(new ConcurrentHashMap<>()));
        List<Stream> userStreams = streams.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>());
        userStreams.add(stream);
        Runnable remove = () -> userStreams.remove(stream);
        stream.emitter().onCompletion(remove);
        stream.emitter().onTimeout(remove);
        stream.emitter().onError(e -> remove.run());
        for (InboxController.ItemView item : backlog) {
            if (!stream.send(item)) {
                remove.run();
                break;
            }
        }
        return stream.emitter();
    }

    /** Pushes a new item to the user's open streams. */
    public void push(String user, InboxController.ItemView item) {
        List<Stream> userStreams = streams.getOrDefault(user, List.of());
        for (Stream stream : userStreams) {
            if (!stream.send(item)) {
                userStreams.remove(stream);
            }
        }
    }

    /** Sends to each open stream the user's recent items it has not sent yet (those other instances delivered). */
    public void poll() {
        for (var entry : streams.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            List<InboxItem> recent = new ArrayList<>(inbox.recent(entry.getKey(), POLL_WINDOW));
            Collections.reverse(recent);
            recent.forEach(item -> push(entry.getKey(), InboxController.ItemView.of(item)));
        }
    }

    /** Open streams of a user. */
    public int openStreams(String user) {
        return streams.getOrDefault(user, List.of()).size();
    }
}

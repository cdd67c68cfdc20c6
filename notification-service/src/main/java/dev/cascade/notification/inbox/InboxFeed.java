package dev.cascade.notification.inbox;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live inbox feed: the items for every open {@code GET /inbox/{user}/stream} of this instance (the controller
 * turns each into server-sent events). A client
 * that connects gets the unread items first; an item delivered by this instance is pushed at once, one delivered by
 * another instance when {@link #poll()} finds it in the store (every {@code inbox-poll-interval}). Each stream sends
 * an item once.
 */
@Component
@RequiredArgsConstructor
public class InboxFeed {

    /** How many of a user's newest items a poll looks at. */
    static final int POLL_WINDOW = 50;

    private final Map<String, List<Stream>> streams = new ConcurrentHashMap<>();
    private final Inbox inbox;

    /** An open stream of one user, as the HTTP edge gives it: sends an item, or says the stream is gone. */
    @FunctionalInterface
    public interface Subscriber {
        /** @return {@code false} when the stream is closed */
        boolean send(InboxController.ItemView item);
    }

    /** One open stream and the items it has sent. */
    private record Stream(Subscriber subscriber, Set<String> sent) {
        synchronized boolean send(InboxController.ItemView item) {
            return !sent.add(item.id()) || subscriber.send(item);
        }
    }

    /**
     * Subscribes an open stream of the user, starting with {@code backlog} (oldest first).
     *
     * @return what unsubscribes it (call it when the stream closes)
     */
    public Runnable subscribe(String user, Subscriber subscriber, List<InboxController.ItemView> backlog) {
        Stream stream = new Stream(subscriber, Collections.newSetFromMap(new ConcurrentHashMap<>()));
        List<Stream> userStreams = streams.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>());
        userStreams.add(stream);
        Runnable remove = () -> userStreams.remove(stream);
        for (InboxController.ItemView item : backlog) {
            if (!stream.send(item)) {
                remove.run();
                break;
            }
        }
        return remove;
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

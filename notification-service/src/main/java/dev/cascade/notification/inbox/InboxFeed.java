package dev.cascade.notification.inbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live inbox feed: the items for every open {@code GET /inbox/{user}/stream} of this instance (the controller
 * turns each into server-sent events). A client
 * that connects gets the unread items first; an item delivered by this instance is pushed at once, one delivered by
 * another instance when {@link #poll()} finds it in the store (every {@code inbox-poll-interval}). Each stream sends
 * an item once. At most {@link InboxLimits#maxStreamsPerUser()} streams of one user and
 * {@link InboxLimits#maxStreams()} in all are open on one instance ({@link StreamLimitReached} beyond); the gauge
 * {@code cascade.notifications.inbox.streams} counts them.
 */
@Component
public class InboxFeed {

    /** How many of a user's newest items a poll looks at. */
    static final int POLL_WINDOW = 50;

    private final Map<String, List<Stream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Inbox inbox;
    private final InboxLimits limits;

    public InboxFeed(Inbox inbox, InboxLimits limits, ObjectProvider<MeterRegistry> meters) {
        this.inbox = inbox;
        this.limits = limits;
        meters.ifAvailable(registry -> Gauge.builder("cascade.notifications.inbox.streams", open, AtomicInteger::get)
                .description("Inbox streams (server-sent events) open on this instance").register(registry));
    }

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
        List<Stream> userStreams;
        synchronized (this) {
            if (streams.getOrDefault(user, List.of()).size() >= limits.maxStreamsPerUser()) {
                throw new StreamLimitReached(true, limits.maxStreamsPerUser());
            }
            if (open.get() >= limits.maxStreams()) {
                throw new StreamLimitReached(false, limits.maxStreams());
            }
            userStreams = streams.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>());
            userStreams.add(stream);
            open.incrementAndGet();
        }
        Runnable remove = () -> drop(user, stream);
        for (InboxController.ItemView item : backlog) {
            if (!stream.send(item)) {
                remove.run();
                break;
            }
        }
        return remove;
    }

    /** Removes a stream (once: the count goes down only when it was still there). */
    private void drop(String user, Stream stream) {
        synchronized (this) {
            List<Stream> userStreams = streams.get(user);
            if (userStreams != null && userStreams.remove(stream)) {
                open.decrementAndGet();
                if (userStreams.isEmpty()) {
                    streams.remove(user);
                }
            }
        }
    }

    /** Open streams of this instance, all users. */
    public int openStreams() {
        return open.get();
    }

    /** Pushes a new item to the user's open streams. */
    public void push(String user, InboxController.ItemView item) {
        for (Stream stream : streams.getOrDefault(user, List.of())) {
            if (!stream.send(item)) {
                drop(user, stream);
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

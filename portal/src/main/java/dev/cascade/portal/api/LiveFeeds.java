package dev.cascade.portal.api;

import dev.cascade.portal.PortalProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Relays a service's server-sent events to a browser: the browser cannot send the person's token on an EventSource,
 * so the portal opens the service's stream with it and passes on one event per {@code coalesce} interval at most
 * (a deadline-day burst changes the ministry's roll-up thousands of times a second; the page only needs to know that
 * it changed). The upstream stream closes when the browser goes away, and the browser reconnects by itself when
 * the upstream ends.
 */
@Component
public class LiveFeeds {

    private static final Logger log = LoggerFactory.getLogger(LiveFeeds.class);
    private static final Duration COALESCE = Duration.ofMillis(500);
    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(30);

    private final HttpClient http;
    private final ExecutorService readers;
    private final ScheduledExecutorService ticks;
    private final Duration connectTimeout;

    LiveFeeds(PortalProperties properties) {
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "portal-live-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portal-live-tick");
            t.setDaemon(true);
            return t;
        });
        this.connectTimeout = properties.callTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(readers).build();
    }

    /**
     * Opens {@code upstream} with the token and relays its events named {@code upstreamEvent} as {@code event}
     * events with the upstream event's data; {@code coalesce}: at most one event per half second, the latest.
     */
    public SseEmitter relay(URI upstream, String token, String upstreamEvent, String event, boolean coalesce) {
        SseEmitter emitter = new SseEmitter(BROWSER_TIMEOUT.toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        HttpRequest request = HttpRequest.newBuilder(upstream).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        Pending pending = new Pending(emitter, event, open);
        java.util.concurrent.atomic.AtomicReference<Stream<String>> body = new java.util.concurrent.atomic.AtomicReference<>();
        ScheduledFuture<?> flusher = coalesce ? ticks.scheduleAtFixedRate(pending::flush, COALESCE.toMillis(),
                COALESCE.toMillis(), TimeUnit.MILLISECONDS) : null;
        readers.submit(() -> {
            try {
                HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    log.info("live feed {} answered {}", upstream.getPath(), response.statusCode());
                    emitter.completeWithError(new IOException("upstream " + response.statusCode()));
                    return;
                }
                body.set(response.body());
                if (!open.get()) {
                    response.body().close();
                }
                try (Stream<String> lines = response.body()) {
                    EventParser parser = new EventParser(upstreamEvent, data -> {
                        if (coalesce) {
                            pending.mark(data);
                        } else {
                            pending.send(data);
                        }
                    });
                    lines.takeWhile(line -> open.get()).forEach(parser::line);
                }
                emitter.complete();
            } catch (IOException | RuntimeException e) {
                emitter.completeWithError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            } finally {
                if (flusher != null) {
                    flusher.cancel(false);
                }
            }
        });
        // closing the upstream body cancels the service's stream at once (the inbox stream sends no heartbeat, and
        // each person may hold only a few streams)
        Runnable close = () -> {
            open.set(false);
            Stream<String> lines = body.getAndSet(null);
            if (lines != null) {
                readers.submit(lines::close);
            }
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        // a first event at once, so the page knows the stream is live (and refreshes what changed while it loaded)
        pending.send("{}");
        return emitter;
    }

    @PreDestroy
    void stop() {
        ticks.shutdownNow();
        readers.shutdownNow();
    }

    /** The latest event not yet passed on. */
    private static final class Pending {
        private final SseEmitter emitter;
        private final String event;
        private final AtomicBoolean open;
        private volatile String data;

        Pending(SseEmitter emitter, String event, AtomicBoolean open) {
            this.emitter = emitter;
            this.event = event;
            this.open = open;
        }

        void mark(String data) {
            this.data = data;
        }

        void flush() {
            String next = data;
            if (next != null) {
                data = null;
                send(next);
            }
        }

        synchronized void send(String data) {
            try {
                emitter.send(SseEmitter.event().name(event).data(data));
            } catch (IOException | IllegalStateException gone) {
                open.set(false);
            }
        }
    }

    /** Reads {@code text/event-stream} lines; hands on the data of each event with the wanted name. */
    static final class EventParser {
        private final String wanted;
        private final Consumer<String> onEvent;
        private String name = "message";
        private final StringBuilder data = new StringBuilder();

        EventParser(String wanted, Consumer<String> onEvent) {
            this.wanted = wanted;
            this.onEvent = onEvent;
        }

        void line(String line) {
            if (line.isEmpty()) {
                if (data.length() > 0 && name.equals(wanted)) {
                    onEvent.accept(data.toString());
                }
                data.setLength(0);
                name = "message";
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
    }

}

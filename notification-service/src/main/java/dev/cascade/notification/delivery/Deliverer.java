package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationSettings;
import dev.cascade.notification.contact.Channel;
import dev.cascade.notification.contact.Recipient;
import dev.cascade.platform.outbox.EventProducer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers one notification to one recipient exactly once: claims it in the {@link DeliveryLog}, hands it to its
 * channel, records the outcome (with the channel's back-off or give-up after a failure), logs it and publishes
 * {@code NotificationSent}. Used by the reminders and the digests.
 */
@Component
public class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final DeliveryLog deliveries;
    private final Map<Channel, NotificationChannel> channels = new EnumMap<>(Channel.class);
    private final NotificationSentPublisher publisher;
    private final NotificationSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public Deliverer(DeliveryLog deliveries, List<NotificationChannel> channels, NotificationSentPublisher publisher,
                     NotificationSettings settings, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** What became of one delivery. */
    public enum Result {
        /** delivered by this call */
        DELIVERED,
        /** delivered before (or given up for good): nothing more to do */
        DONE_BEFORE,
        /** not delivered (yet): failed, waiting for its back-off, or being sent by someone else */
        NOT_DELIVERED
    }

    /**
     * What is to be delivered to whom: the delivery-log entry before its claim.
     *
     * @param link     the page of the portal where the recipient acts, as in the body ({@link PortalLinks})
     * @param deadline a reminder's deadline when an amendment moved it, else {@code null} ({@link Delivery#deadline()})
     */
    public record Notification(String subjectKey, String kind, Recipient recipient, String unitCode,
                               String obligationUnitCode, String programme, String period, String subject,
                               String body, String link, LocalDate deadline) {

        /** A digest, or a reminder of the obligation's first deadline. */
        public Notification(String subjectKey, String kind, Recipient recipient, String unitCode,
                            String obligationUnitCode, String programme, String period, String subject, String body,
                            String link) {
            this(subjectKey, kind, recipient, unitCode, obligationUnitCode, programme, period, subject, body, link,
                    null);
        }
    }

    /**
     * The notification id of a delivery: derived from (subject key, kind, channel, recipient), so the same delivery
     * always has the same id, whichever instance makes it.
     */
    public static String notificationId(String subjectKey, String kind, Recipient recipient) {
        return notificationId(subjectKey, kind, recipient, null);
    }

    /** The same, with a moved deadline after the rest ({@code null}: as without, so first deadlines keep their ids). */
    public static String notificationId(String subjectKey, String kind, Recipient recipient, LocalDate deadline) {
        String key = subjectKey + "|" + kind + "|" + recipient.channel() + "|" + recipient.address()
                + (deadline == null ? "" : "|" + deadline);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Result deliver(Notification n, Instant now) {
        return deliverAll(List.of(n), now).get(0);
    }

    /**
     * Delivers several notifications: claims each (one store round trip for all), hands the claimed ones to their
     * channel together (e-mail: in shared SMTP sessions), records each outcome (the sent ones in one round trip), then
     * publishes their {@code NotificationSent} events together and waits once for the broker. Each notification keeps
     * its own exactly-once claim and outcome.
     *
     * @return what became of each, in the order given
     */
    public List<Result> deliverAll(List<Notification> notifications, Instant now) {
        Result[] results = new Result[notifications.size()];
        Map<Channel, List<Integer>> claimedByChannel = new EnumMap<>(Channel.class);
        Delivery[] claimed = new Delivery[notifications.size()];
        List<DeliveryLog.Claim> claims = deliveries.claimAll(notifications.stream().map(n -> candidate(n, now))
                .toList(), now);
        for (int i = 0; i < notifications.size(); i++) {
            if (claims.get(i) instanceof DeliveryLog.Claim.Taken taken) {
                results[i] = taken.state() == DeliveryState.SENT || taken.state() == DeliveryState.GAVE_UP
                        ? Result.DONE_BEFORE : Result.NOT_DELIVERED;
            } else {
                claimed[i] = ((DeliveryLog.Claim.Claimed) claims.get(i)).delivery();
                claimedByChannel.computeIfAbsent(claimed[i].channel(), c -> new ArrayList<>()).add(i);
            }
        }
        List<Delivery> sent = new ArrayList<>();
        claimedByChannel.forEach((channelName, indexes) -> {
            NotificationChannel channel = channels.get(channelName);
            Map<String, RuntimeException> failures = send(channel, channelName,
                    indexes.stream().map(i -> claimed[i]).toList());
            List<Integer> delivered = new ArrayList<>();
            for (int i : indexes) {
                RuntimeException failure = failures.get(claimed[i].id());
                if (failure != null) {
                    results[i] = failed(claimed[i], channel, failure);
                } else {
                    delivered.add(i);
                }
            }
            List<Optional<Delivery>> marked = deliveries.markSentAll(delivered.stream().map(i -> claimed[i]).toList(),
                    clock.instant());
            for (int k = 0; k < delivered.size(); k++) {
                int i = delivered.get(k);
                results[i] = recordSent(claimed[i], marked.get(k), sent);
            }
        });
        publish(sent);
        return List.of(results);
    }

    private Delivery candidate(Notification n, Instant now) {
        return new Delivery(notificationId(n.subjectKey(), n.kind(), n.recipient(), n.deadline()), n.subjectKey(),
                n.kind(), n.recipient().channel(), n.recipient().address(), n.unitCode(), n.obligationUnitCode(),
                n.programme(), n.period(), n.subject(), n.body(), n.link(), DeliveryState.SENDING,
                UUID.randomUUID().toString(), now, now.plus(settings.claimLease()), 1, null, null, false, now, null,
                n.deadline());
    }

    private static Map<String, RuntimeException> send(NotificationChannel channel, Channel name, List<Delivery> batch) {
        try {
            if (channel == null) {
                throw new IllegalStateException("no channel " + name + " in this instance");
            }
            return channel.sendAll(batch);
        } catch (RuntimeException e) {
            Map<String, RuntimeException> all = new HashMap<>();
            batch.forEach(d -> all.put(d.id(), e));
            return all;
        }
    }

    private Result recordSent(Delivery claimed, Optional<Delivery> marked, List<Delivery> sent) {
        if (marked.isEmpty()) {
            log.warn("{} to {} for {} was sent after its claim lapsed", claimed.kind(), claimed.recipient(),
                    claimed.obligationId());
            return Result.DELIVERED;
        }
        Counter.builder("cascade.notifications.sent").description("Notifications delivered")
                .tag("kind", claimed.kind()).tag("channel", claimed.channel().name()).register(meters).increment();
        log.info("notification {} sent: {} by {} to {} (unit {}) for {}: {}", claimed.id(), claimed.kind(),
                claimed.channel(), claimed.recipient(), claimed.unitCode(), claimed.obligationId(), claimed.subject());
        sent.add(marked.get());
        return Result.DELIVERED;
    }

    private Result failed(Delivery claimed, NotificationChannel channel, RuntimeException e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        Optional<Duration> retryAfter = e instanceof DeliveryRefused ? Optional.empty()
                : channel == null ? Optional.of(Duration.ZERO) : channel.retryAfter(claimed.attempts());
        if (e instanceof DeliveryRefused refused) {
            Counter.builder("cascade.notifications.refused")
                    .description("Deliveries refused and never sent (a webhook host that is or resolves to an "
                            + "address it may not call), by kind, channel and reason")
                    .tags("kind", claimed.kind(), "channel", claimed.channel().name(), "reason", refused.reason())
                    .register(meters).increment();
        }
        Instant nextAttemptAt = retryAfter.filter(d -> !d.isZero()).map(d -> clock.instant().plus(d)).orElse(null);
        deliveries.markFailed(claimed, error, nextAttemptAt, retryAfter.isEmpty());
        Counter.builder("cascade.notifications.failed").description("Delivery attempts that failed, by kind and channel")
                .tags("kind", claimed.kind(), "channel", claimed.channel().name()).register(meters).increment();
        if (retryAfter.isEmpty()) {
            Counter.builder("cascade.notifications.abandoned")
                    .description("Deliveries given up after their last attempt, by kind and channel")
                    .tags("kind", claimed.kind(), "channel", claimed.channel().name()).register(meters).increment();
            log.error("{} {} to {} for {} GIVEN UP after {} attempt(s), the failure is recorded: {}", claimed.kind(),
                    claimed.channel(), claimed.recipient(), claimed.obligationId(), claimed.attempts(), error);
            return Result.DONE_BEFORE;
        }
        log.warn("{} {} to {} for {} failed (attempt {}), tried again {}: {}", claimed.kind(), claimed.channel(),
                claimed.recipient(), claimed.obligationId(), claimed.attempts(),
                nextAttemptAt == null ? "on the next dispatch" : "from " + nextAttemptAt, error);
        return Result.NOT_DELIVERED;
    }

    private void publish(List<Delivery> sent) {
        if (sent.isEmpty()) {
            return;
        }
        List<Boolean> acknowledged;
        Throwable failure;
        try {
            EventProducer.Acks acks = publisher.publishAll(sent);
            acknowledged = acks.acknowledged();
            failure = acks.firstFailure();
        } catch (RuntimeException e) {
            acknowledged = List.of();
            failure = e;
        }
        List<String> published = new ArrayList<>();
        String firstUnacknowledged = null;
        for (int i = 0; i < sent.size(); i++) {
            if (i < acknowledged.size() && acknowledged.get(i)) {
                published.add(sent.get(i).id());
            } else if (firstUnacknowledged == null) {
                firstUnacknowledged = sent.get(i).id();
            }
        }
        deliveries.markPublished(published);
        if (firstUnacknowledged != null) {
            log.warn("{} of {} NotificationSent event(s) not acknowledged (the first: {}), published again on the "
                    + "next dispatch: {}", sent.size() - published.size(), sent.size(), firstUnacknowledged,
                    String.valueOf(failure));
        }
    }

    /** Publishes again every NotificationSent the broker has not acknowledged. */
    public void republishUnacknowledged() {
        publish(deliveries.sentUnpublished());
    }
}

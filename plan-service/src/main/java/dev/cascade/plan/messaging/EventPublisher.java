package dev.cascade.plan.messaging;

import dev.cascade.contracts.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends events through {@link StreamBridge} without waiting for each one, and tells when the broker has
 * acknowledged them: the Kafka binder reports every successful send on the
 * {@value #RECEIPTS_CHANNEL} channel ({@code record-metadata-channel} of every producer binding), and the receipt
 * completes the future of the event with the same {@code ce_id}. A failed send reaches the error channel
 * ({@code error-channel-enabled} producers) and fails that future; a send neither acknowledged nor refused within the
 * acknowledgement timeout fails too. The caller keeps a failed event pending to send it again later.
 */
@Component
public class EventPublisher {

    /** Bean name of the channel that receives the binder's send receipts. */
    public static final String RECEIPTS_CHANNEL = "cascadePublicationReceipts";
    static final String SOURCE = "/cascade/plan-service";

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final StreamBridge bridge;
    private final JsonMapper json;
    private final Duration ackTimeout;
    private final ConcurrentMap<String, CompletableFuture<Void>> awaiting = new ConcurrentHashMap<>();

    public EventPublisher(StreamBridge bridge, JsonMapper json,
                          @Value("${cascade.publication.ack-timeout:PT60S}") Duration ackTimeout) {
        this.bridge = bridge;
        this.json = json;
        this.ackTimeout = ackTimeout;
    }

    /** The payload exactly as it is published: the record serialized by the service's JSON mapper. */
    public byte[] serialize(Object payload) {
        return json.writeValueAsBytes(payload);
    }

    /**
     * Sends one event; the future completes when the broker has acknowledged it, or fails (send refused, or no
     * acknowledgement within the timeout).
     */
    public CompletableFuture<Void> publish(OutgoingEvent event) {
        CompletableFuture<Void> receipt = awaiting.computeIfAbsent(event.id(), id -> new CompletableFuture<>());
        receipt.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> awaiting.remove(event.id(), receipt));
        try {
            Message<byte[]> message = MessageBuilder.withPayload(serialize(event.payload()))
                    .copyHeaders(CloudEventHeaders.of(event.id(), event.type(), SOURCE, event.subject(), event.time()))
                    .setHeader(KafkaHeaders.KEY, event.key())
                    .build();
            if (!bridge.send(event.topic(), message)) {
                receipt.completeExceptionally(new IllegalStateException("not sent: " + event.id()));
            }
        } catch (RuntimeException e) {
            receipt.completeExceptionally(e);
        }
        return receipt;
    }

    /**
     * Sends the events one after the other without waiting, then waits for their acknowledgements. Stops sending at
     * the first refused send (the broker is probably away); the rest stay for a later attempt.
     *
     * @return for each event, in order, whether it was acknowledged
     */
    public List<Boolean> publishAll(List<OutgoingEvent> events) {
        List<CompletableFuture<Void>> receipts = new ArrayList<>(events.size());
        for (OutgoingEvent event : events) {
            CompletableFuture<Void> receipt = publish(event);
            receipts.add(receipt);
            if (receipt.isCompletedExceptionally()) {
                log.warn("publishing stopped after {} of {} events: a send was refused", receipts.size(),
                        events.size());
                break;
            }
        }
        List<Boolean> acknowledged = new ArrayList<>(events.size());
        for (CompletableFuture<Void> receipt : receipts) {
            acknowledged.add(waitFor(receipt));
        }
        while (acknowledged.size() < events.size()) {
            acknowledged.add(false);
        }
        return acknowledged;
    }

    private static boolean waitFor(CompletableFuture<Void> receipt) {
        try {
            receipt.join();
            return true;
        } catch (RuntimeException e) {
            log.warn("event not acknowledged: {}", e.toString());
            return false;
        }
    }

    /** Called with each send receipt from the binder (on the producer's I/O thread: must not block). */
    void acknowledge(Message<?> receipt) {
        Object id = receipt.getHeaders().get(CloudEventHeaders.ID);
        if (id != null) {
            CompletableFuture<Void> future = awaiting.remove(id.toString());
            if (future != null) {
                future.complete(null);
            }
        }
    }

    /** Called with each error message on the error channel: a failed send fails its event's future at once. */
    void refuse(Message<?> error) {
        if (error.getPayload() instanceof MessagingException failure && failure.getFailedMessage() != null) {
            Object id = failure.getFailedMessage().getHeaders().get(CloudEventHeaders.ID);
            CompletableFuture<Void> future = id == null ? null : awaiting.remove(id.toString());
            if (future != null) {
                future.completeExceptionally(failure);
            }
        }
    }
}

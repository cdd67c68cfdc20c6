package dev.cascade.aggregation.rollup.engine;

import dev.cascade.contracts.EventTypes;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real {@link EventProducer}, except that it kills its JVM ({@link Runtime#halt}: no shutdown hooks, no finally
 * blocks, no consumer offsets committed, nothing flushed) at one chosen send: the change of one roll-up
 * ({@code kill.unit}) that reaches the given figures ({@code kill.received} reports, {@code kill.enrolment},
 * {@code kill.numerator} / {@code kill.denominator}), i.e. that roll-up's final state in the test's burst.
 * <ul>
 *   <li>{@code kill.mode=before-send}: halts before that change's first event ({@code cascade.aggregate.updated})
 *   is handed to the producer: the roll-up is saved with both its events pending, none sent;</li>
 *   <li>{@code kill.mode=after-ack}: halts right after the broker acknowledged that change's last event
 *   ({@code cascade.rollup.contributed}): both events are on the broker, both still pending in the store.</li>
 * </ul>
 * Before halting it writes what it halted on to {@code kill.info-file}. It is no component, so no test context
 * picks it up.
 */
public final class HaltingEventSender extends EventProducer {

    public static final int HALT_STATUS = 137;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String mode;
    private final Path infoFile;
    private final String unit;
    private final int received;
    private final BigDecimal enrolment;
    private final BigDecimal numerator;
    private final BigDecimal denominator;
    private final AtomicInteger sends = new AtomicInteger();
    private volatile CompletableFuture<RecordMetadata> chosenAggregate;

    HaltingEventSender(Environment environment) {
        super(environment, new SimpleMeterRegistry());
        this.mode = environment.getRequiredProperty("kill.mode");
        if (!mode.equals("before-send") && !mode.equals("after-ack")) {
            throw new IllegalArgumentException("kill.mode must be before-send or after-ack: " + mode);
        }
        this.infoFile = Path.of(environment.getRequiredProperty("kill.info-file"));
        this.unit = environment.getRequiredProperty("kill.unit");
        this.received = Integer.parseInt(environment.getRequiredProperty("kill.received"));
        this.enrolment = new BigDecimal(environment.getRequiredProperty("kill.enrolment"));
        this.numerator = new BigDecimal(environment.getRequiredProperty("kill.numerator"));
        this.denominator = new BigDecimal(environment.getRequiredProperty("kill.denominator"));
    }

    /** For the child's main class (outside this package). */
    public static EventProducer create(Environment environment) {
        return new HaltingEventSender(environment);
    }

    @Override
    public CompletableFuture<RecordMetadata> send(OutboxEvent event) {
        int number = sends.incrementAndGet();
        boolean before = mode.equals("before-send") && event.type().equals(EventTypes.AGGREGATE_UPDATED)
                && isTheChosenChange(event);
        if (before) {
            halt(number, event);
        }
        if (mode.equals("after-ack") && isTheChosenChange(event)) {
            CompletableFuture<RecordMetadata> ack = super.send(event);
            if (event.type().equals(EventTypes.AGGREGATE_UPDATED)) {
                chosenAggregate = ack;
                return ack;
            }
            // both events of the change acknowledged by the broker, then the process dies
            ack.join();
            if (chosenAggregate != null) {
                chosenAggregate.join();
            }
            halt(number, event);
        }
        return super.send(event);
    }

    private boolean isTheChosenChange(OutboxEvent event) {
        JsonNode payload = JSON.readTree(event.payload());
        return unit.equals(payload.path("unitCode").asString())
                && payload.at("/completeness/received").asInt() == received
                && same(payload.at("/values/GDNN_NEW_ENROLMENT/value"), enrolment)
                && same(payload.at("/values/GDNN_INTAKE_RATE/numerator"), numerator)
                && same(payload.at("/values/GDNN_INTAKE_RATE/denominator"), denominator);
    }

    private static boolean same(JsonNode node, BigDecimal expected) {
        return node.isNumber() && node.decimalValue().compareTo(expected) == 0;
    }

    private void halt(int number, OutboxEvent event) {
        String info = "mode=" + mode + "\nsend=" + number + "\neventId=" + event.eventId() + "\ntype=" + event.type()
                + "\ntopic=" + event.topic() + "\nkey=" + event.key() + "\nsubject=" + event.subject() + "\n";
        try {
            Files.writeString(infoFile, info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("HALTING " + info.replace('\n', ' '));
        System.out.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}

package dev.cascade.crash;

import dev.cascade.platform.ServiceApplication;
import dev.cascade.aggregation.AggregationServiceApplication;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.aggregation.rollup.engine.HaltingEventSender;
import org.springframework.context.support.GenericApplicationContext;

import java.util.concurrent.TimeUnit;

/**
 * An aggregation-service process that dies like a killed one, in the middle of its work. Started as a child JVM (with
 * the test classpath) by {@code AggregationKillIT}; it is the real service (same configuration, on the test's
 * broker and MongoDB-wire store, given as Spring arguments {@code --key=value}) except for its primary
 * {@link EventProducer}, a {@link HaltingEventSender} that halts the JVM at the send chosen by the {@code kill.*}
 * arguments. It lives outside {@code dev.cascade.aggregation} so that no test context scans it.
 */
public final class KilledAggregationService {

    /** Exit status when the chosen send never came. */
    public static final int NOT_HALTED_STATUS = 3;

    private KilledAggregationService() {
    }

    public static void main(String[] args) throws Exception {
        ServiceApplication.builder(AggregationServiceApplication.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("haltingEventSender",
                        EventProducer.class, () -> HaltingEventSender.create(c.getEnvironment())))
                .run(args);
        // the consumers run on their own threads; the process ends inside a send, or here if that send never comes
        TimeUnit.MINUTES.sleep(10);
        System.err.println("NOT HALTED: the chosen send never came");
        Runtime.getRuntime().halt(NOT_HALTED_STATUS);
    }
}

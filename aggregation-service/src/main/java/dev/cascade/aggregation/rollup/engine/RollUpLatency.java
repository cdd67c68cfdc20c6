package dev.cascade.aggregation.rollup.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code cascade.rollup.latency{level}}: from a report's {@code submittedAt} to the change of each level's aggregate
 * that includes it. A change that coalesces several reports is measured from the OLDEST of them (the worst case). The
 * origin travels up with the roll-up's seq in memory: a level is measured when this instance also applied the change
 * beneath it (the usual case; with several instances, changes that crossed instances are not measured).
 */
@Component
public class RollUpLatency {

    private static final int REMEMBERED = 50_000;

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Instant> origins = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    RollUpLatency(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** The oldest report origin among child roll-up changes ({@code programme|period|unit} and seq). */
    Instant originOf(Collection<Map.Entry<String, Long>> childChanges) {
        synchronized (origins) {
            return childChanges.stream().map(c -> origins.get(c.getKey() + "#" + c.getValue()))
                    .filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
        }
    }

    /** Records the latency of a saved change whose oldest report was submitted at {@code origin}. */
    void changed(RollUpDocument saved, Instant origin) {
        if (origin == null || saved.level() == null) {
            return;
        }
        synchronized (origins) {
            origins.put(saved.id() + "#" + saved.seq(), origin);
        }
        Duration latency = Duration.between(origin, clock.instant());
        Timer.builder("cascade.rollup.latency").tag("level", saved.level().name())
                .description("from a report's submittedAt to the change of each level's aggregate that includes it")
                .register(meters).record(latency.isNegative() ? Duration.ZERO : latency);
    }
}

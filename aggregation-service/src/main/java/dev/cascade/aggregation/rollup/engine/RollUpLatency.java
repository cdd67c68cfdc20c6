package dev.cascade.aggregation.rollup.engine;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportWithdrawn;
import dev.cascade.contracts.events.RollupContributed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code cascade.rollup.latency{level}}: from a report's {@code submittedAt} to the change of each level's aggregate
 * that includes it. A change that coalesces several reports is measured from the OLDEST of them (the worst case). The
 * origin travels up with the roll-up's seq in memory: a level is measured when this instance also applied the change
 * beneath it (the usual case; with several instances, changes that crossed instances are not measured).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
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

    /** The oldest report behind these inputs: their own submittedAt, or the origin of a child's roll-up change. */
    Instant originOf(List<InboundContribution> inputs) {
        Instant oldest = null;
        List<Map.Entry<String, Long>> childChanges = new ArrayList<>();
        for (InboundContribution input : inputs) {
            Object event = input.event();
            Instant at = null;
            if (event instanceof ReportSubmitted r) {
                at = r.submittedAt();
            } else if (event instanceof ReportWithdrawn w) {
                at = w.withdrawnAt();
            } else if (event instanceof RollupContributed c) {
                childChanges.add(Map.entry(new AggregateKey(c.programme(), c.period(), c.unitCode()).toString(),
                        c.seq()));
            }
            if (at != null && (oldest == null || at.isBefore(oldest))) {
                oldest = at;
            }
        }
        Instant fromChildren = childChanges.isEmpty() ? null : childOrigin(childChanges);
        return oldest == null ? fromChildren : fromChildren == null || oldest.isBefore(fromChildren) ? oldest
                : fromChildren;
    }

    /** The oldest report origin among child roll-up changes ({@code programme|period|unit} and seq). */
    private Instant childOrigin(Collection<Map.Entry<String, Long>> childChanges) {
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

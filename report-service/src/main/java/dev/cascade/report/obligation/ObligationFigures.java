package dev.cascade.report.obligation;

import dev.cascade.contracts.events.ObligationStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@code cascade.obligations{status=OPEN|OVERDUE}}: how many obligations are open, and how many overdue. Counted at
 * most once per {@code cascade.obligations.figures-refresh}: a count reads every obligation, and a scrape every second
 * (a benchmark's, or a dashboard's) would otherwise hold up the submissions that need the same collection.
 */
@Component
class ObligationFigures implements MeterBinder {

    private final Obligations obligations;
    private final long refreshNanos;

    ObligationFigures(Obligations obligations, @Value("${cascade.obligations.figures-refresh}") Duration refresh) {
        this.obligations = obligations;
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ObligationStatus status : new ObligationStatus[] {ObligationStatus.OPEN, ObligationStatus.OVERDUE}) {
            Counted count = new Counted(() -> obligations.count(status), refreshNanos, System::nanoTime);
            Gauge.builder("cascade.obligations", count, Counted::value)
                    .description("Reporting obligations by status (counted at most once per "
                            + "cascade.obligations.figures-refresh)")
                    .tag("status", status.name())
                    .strongReference(true) // nothing else holds the Counted: a weak one reads NaN after a GC
                    .register(registry);
        }
    }

    /** A count taken again only when the last one is older than {@code refreshNanos} (on {@code nanoTime}). */
    static final class Counted {
        private final LongSupplier count;
        private final long refreshNanos;
        private final LongSupplier nanoTime;
        private long value;
        private long takenAt;
        private boolean taken;

        Counted(LongSupplier count, long refreshNanos, LongSupplier nanoTime) {
            this.count = count;
            this.refreshNanos = refreshNanos;
            this.nanoTime = nanoTime;
        }

        synchronized double value() {
            long now = nanoTime.getAsLong();
            if (!taken || now - takenAt >= refreshNanos) {
                value = count.getAsLong();
                takenAt = now;
                taken = true;
            }
            return value;
        }
    }
}

package dev.cascade.report.obligation;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.events.ObligationStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code cascade.obligations{status=OPEN|OVERDUE}}: how many obligations are open, and how many overdue, now. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ObligationFigures implements MeterBinder {

    private final Obligations obligations;

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ObligationStatus status : new ObligationStatus[] {ObligationStatus.OPEN, ObligationStatus.OVERDUE}) {
            Gauge.builder("cascade.obligations", obligations, o -> o.count(status))
                    .description("Reporting obligations by status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }
}

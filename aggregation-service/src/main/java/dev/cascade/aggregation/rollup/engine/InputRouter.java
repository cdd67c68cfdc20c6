package dev.cascade.aggregation.rollup.engine;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.aggregation.NotYetKnownException;
import dev.cascade.aggregation.UnusableEventException;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportWithdrawn;
import dev.cascade.contracts.events.RollupContributed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes an input of the roll-ups to the roll-up it feeds: a report or a withdrawal to its unit's parent in the
 * period's hierarchy, a child's roll-up to the parent it names.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class InputRouter {

    private static final Logger log = LoggerFactory.getLogger(InputRouter.class);

    private final RollUpEngine engine;

    /** The roll-up an input feeds and what it contributes to it. */
    record Routed(AggregateKey key, Contribution contribution) {
    }

    /**
     * @return where {@code input} goes; {@code null} for the ministry's own roll-up, which feeds nothing
     * @throws NotYetKnownException   when its unit, plan or period is not known yet
     * @throws UnusableEventException when it can never apply (a value out of range, an unknown event type)
     */
    Routed route(InboundContribution input, RollUpEngine.BatchMemo memo) {
        Object event = input.event();
        if (event instanceof ReportSubmitted r) {
            r.values().forEach((indicator, value) -> {
                if (value == null || !value.partsInDomain()) {
                    throw new UnusableEventException("report " + r.reportId() + " v" + r.reportVersion() + ": "
                            + indicator + " is outside 0.." + IndicatorValue.MAX.toPlainString()
                            + " or not a whole number");
                }
            });
            return new Routed(target(r.programme(), r.period(), r.unitCode(), r.parentCode(), memo),
                    Contribution.of(r));
        }
        if (event instanceof ReportWithdrawn w) {
            return new Routed(target(w.programme(), w.period(), w.unitCode(), w.parentCode(), memo),
                    Contribution.withdrawn(w.unitCode(), w.reportVersion()));
        }
        if (event instanceof RollupContributed c) {
            return c.parentCode() == null ? null
                    : new Routed(new AggregateKey(c.programme(), c.period(), c.parentCode()), Contribution.of(c));
        }
        throw new UnusableEventException("not a roll-up input: " + input.type());
    }

    private AggregateKey target(String programme, String period, String unitCode, String namedParent,
                                RollUpEngine.BatchMemo memo) {
        AggregateKey target = engine.rollUpFedBy(programme, period, unitCode, memo);
        if (namedParent != null && !namedParent.equals(target.unitCode())) {
            log.warn("report of {} for {} {} names parent {}, but the period's hierarchy has {}", unitCode, programme,
                    period, namedParent, target.unitCode());
        }
        return target;
    }
}

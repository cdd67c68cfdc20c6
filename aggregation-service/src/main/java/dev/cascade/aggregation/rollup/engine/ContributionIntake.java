package dev.cascade.aggregation.rollup.engine;

import dev.cascade.aggregation.plan.PlanEffects;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.RollupContributed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns the inputs of the roll-ups (reports, child roll-ups, plan changes) into changes of roll-ups. */
@Component
public class ContributionIntake {

    private static final Logger log = LoggerFactory.getLogger(ContributionIntake.class);

    private final RollUpEngine engine;
    private final RollUpStore store;

    ContributionIntake(RollUpEngine engine, RollUpStore store) {
        this.engine = engine;
        this.store = store;
    }

    /** A report (first or revised) is its unit's contribution to its parent's roll-up. */
    public void accept(ReportSubmitted report) {
        AggregateKey target = engine.rollUpFedBy(report.programme(), report.period(), report.unitCode());
        if (report.parentCode() != null && !report.parentCode().equals(target.unitCode())) {
            log.warn("report {} of {} names parent {}, but the period's hierarchy has {}", report.reportId(),
                    report.unitCode(), report.parentCode(), target.unitCode());
        }
        engine.contribute(target, Contribution.of(report));
    }

    /** A child's roll-up is its contribution to the parent's roll-up. */
    public void accept(RollupContributed rollup) {
        if (rollup.parentCode() == null) {
            return;
        }
        engine.contribute(new AggregateKey(rollup.programme(), rollup.period(), rollup.parentCode()),
                Contribution.of(rollup));
    }

    /** Recomputes the existing roll-ups whose expected reporters, rules or targets a plan changed. */
    public void accept(PlanEffects effects) {
        for (PlanEffects.PeriodEffect period : effects.periods()) {
            var ids = period.allUnits() ? store.ids(period.programme(), period.period())
                    : period.units().isEmpty() ? java.util.List.<String>of()
                    : store.ids(period.programme(), period.period(), period.units());
            ids.forEach(id -> engine.refresh(AggregateKey.parse(id)));
        }
        if (effects.issuerUnitCode() != null) {
            store.idsOfUnit(effects.issuerUnitCode()).forEach(id -> engine.refresh(AggregateKey.parse(id)));
        }
    }
}

package dev.cascade.plan.plans;

import dev.cascade.plan.indicator.domain.IndicatorDirectory;
import dev.cascade.plan.plans.domain.PlanSuccessions;
import dev.cascade.plan.plans.domain.PlanValidator;
import dev.cascade.plan.unit.domain.ReformRules;
import dev.cascade.plan.unit.domain.UnitDirectory;
import dev.cascade.plan.unit.domain.UnitLineage;
import dev.cascade.plan.schedule.ReportingCalendar;
import dev.cascade.contracts.WorkingDays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The domain objects that plans are checked and scheduled with. */
@Configuration(proxyBeanMethods = false)
class PlanConfiguration {

    @Bean
    WorkingDays workingDays() {
        return new WorkingDays();
    }

    @Bean
    ReportingCalendar reportingCalendar(WorkingDays workingDays) {
        return new ReportingCalendar(workingDays);
    }

    @Bean
    PlanValidator planValidator(UnitDirectory units, IndicatorDirectory indicators, ReportingCalendar calendar,
                                PlanStore plans) {
        return new PlanValidator(units, indicators, calendar, plans::issuerOf);
    }

    @Bean
    PlanSuccessions planSuccessions(UnitDirectory units, UnitLineage lineage, ReformRules rules) {
        return new PlanSuccessions(units, lineage, rules);
    }
}

package dev.cascade.plan.demo;

import dev.cascade.plan.StartupOrder;
import dev.cascade.plan.plans.Plans;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanId;
import dev.cascade.plan.plans.domain.PlanStatus;
import dev.cascade.plan.plans.domain.ProposedPlan;
import dev.cascade.plan.unit.UnitImport;
import dev.cascade.plan.unit.domain.ProvinceSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * Demo data ({@code cascade.demo.enabled=true}): the units of province 30 (Hải Dương, 2025-03 list, with the 2025-07
 * units they merged into), then the Thanh Hà district plan of seed 001, loaded through the same service as
 * {@code POST /plans} and issued. Safe to run at every start: an issued plan is left alone.
 */
@Component
@Order(StartupOrder.DEMO)
@ConditionalOnBooleanProperty("cascade.demo.enabled")
public class DemoData implements ApplicationRunner {

    static final String PROVINCE = "30";
    static final String PLAN = "demo/plan-thanh-ha-2023.json";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final UnitImport unitImport;
    private final Plans plans;
    private final JsonMapper json;

    DemoData(UnitImport unitImport, Plans plans, JsonMapper json) {
        this.unitImport = unitImport;
        this.plans = plans;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        unitImport.importUnits(ProvinceSelection.parse(PROVINCE));
        ProposedPlan proposed = read(PLAN);
        String planId = PlanId.of(proposed.issuerUnitCode(), LocalDate.parse(proposed.issueDate()), proposed.number());
        Plan plan = plans.find(planId).orElseGet(() -> plans.create(proposed));
        if (plan.status() == PlanStatus.DRAFT) {
            plan = plans.issue(planId);
        }
        log.info("demo plan {} is {} (version {}, published {}), programme {}", plan.planId(), plan.status(),
                plan.version(), plan.published(), plan.content().programme().code());
    }

    private ProposedPlan read(String resource) {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return json.readValue(in, ProposedPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

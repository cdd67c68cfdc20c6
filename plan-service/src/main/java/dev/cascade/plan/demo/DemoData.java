package dev.cascade.plan.demo;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.plan.StartupOrder;
import dev.cascade.plan.plans.Plans;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanId;
import dev.cascade.plan.plans.domain.PlanStatus;
import dev.cascade.plan.plans.domain.ProposedPlan;
import dev.cascade.plan.unit.StoredUnit;
import dev.cascade.plan.unit.UnitImport;
import dev.cascade.plan.unit.UnitStore;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Demo data ({@code cascade.demo.enabled=true}): the five seed plans as data ({@code demo/seed-plans.json}). First
 * the units of their provinces (2025-03 lists, with the 2025-07 units they merged into), then the non-territorial
 * units that issue or report under them (departments, offices, a party committee), then each plan, loaded through
 * the same service as {@code POST /plans} and issued. Safe to run at every start: what exists is left alone.
 * It is the service's own start-up, not a request: it needs no token, no access rule is asked and it leaves no
 * audit entry (the plans record {@code plan-service:demo-data} as their creator and issuer).
 */
@Component
@Order(StartupOrder.DEMO)
@ConditionalOnBooleanProperty("cascade.demo.enabled")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DemoData implements ApplicationRunner {

    static final String SEEDS = "demo/seed-plans.json";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final UnitImport unitImport;
    private final UnitStore units;
    private final Plans plans;
    private final JsonMapper json;

    /** The fixture: provinces to import, agencies to attach, and the plans (inline or in a resource of their own). */
    public record SeedFixture(List<String> provinces, List<SeedAgency> agencies, List<SeedPlan> plans) {
    }

    /** A non-territorial unit of the seeds, with the agencies whose duties it took over (none for most). */
    public record SeedAgency(String code, String name, String type, String parentCode,
                             List<UnitPredecessor> predecessors) {
    }

    /** One seed plan: {@code seed} is the source file's number (000–004). */
    public record SeedPlan(String seed, ProposedPlan plan, String resource) {
    }

    /** The fixture as bundled. */
    public SeedFixture fixture() {
        return read(SEEDS, SeedFixture.class);
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        SeedFixture fixture = fixture();
        unitImport.importUnits(ProvinceSelection.parse(String.join(",", fixture.provinces())));
        for (SeedAgency agency : fixture.agencies()) {
            StoredUnit parent = units.find(agency.parentCode()).orElseThrow(() -> new IllegalStateException(
                    "demo agency " + agency.code() + " has an unknown parent " + agency.parentCode()));
            unitImport.attachAgency(agency.code(), agency.name(), agency.type(), parent.unit(),
                    agency.predecessors() == null ? List.of() : agency.predecessors());
        }
        List<String> loaded = new ArrayList<>();
        for (SeedPlan seed : fixture.plans()) {
            ProposedPlan proposed = seed.plan() != null ? seed.plan() : read(seed.resource(), ProposedPlan.class);
            String planId = PlanId.of(proposed.issuerUnitCode(), LocalDate.parse(proposed.issueDate()),
                    proposed.number());
            Plan plan = plans.find(planId).orElseGet(() -> plans.createAtStartup(proposed));
            if (plan.status() == PlanStatus.DRAFT) {
                plan = plans.issueAtStartup(planId);
            }
            loaded.add(seed.seed() + " " + plan.planId() + " " + plan.status() + (plan.published() ? "" : " (unpublished)"));
        }
        log.info("demo data ready in {} ms: provinces {}, {} agencies, plans {}", (System.nanoTime() - start) / 1_000_000,
                fixture.provinces(), fixture.agencies().size(), loaded);
    }

    private <T> T read(String resource, Class<T> type) {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.cascade.plan.unit;

import dev.cascade.plan.unit.domain.ProvinceSelection;
import dev.cascade.plan.StartupOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Imports the units of {@code cascade.units.import-provinces} at start-up: a comma list of 2025-03 province codes
 * (their 2025-07 successors come along), {@code ALL} for the whole country, empty for none.
 */
@Component
@Order(StartupOrder.UNITS)
class UnitImportAtStartup implements ApplicationRunner {

    private final UnitImport unitImport;
    private final ProvinceSelection selection;

    UnitImportAtStartup(UnitImport unitImport, @Value("${cascade.units.import-provinces:}") String provinces) {
        this.unitImport = unitImport;
        this.selection = ProvinceSelection.parse(provinces);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!selection.isEmpty()) {
            unitImport.importUnits(selection);
        }
    }
}

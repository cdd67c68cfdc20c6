package dev.cascade.plan.indicator;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.plan.StartupOrder;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads the bundled indicator catalogue into the store at start-up (idempotent). */
@Component
@Order(StartupOrder.INDICATORS)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class IndicatorCatalogueAtStartup implements ApplicationRunner {

    private final IndicatorCatalogue catalogue;

    @Override
    public void run(ApplicationArguments args) {
        catalogue.load();
    }
}

package dev.cascade.plan.unit;

import dev.cascade.plan.unit.domain.ReformRules;
import dev.cascade.plan.unit.domain.UnitDirectory;
import dev.cascade.plan.unit.domain.UnitLineage;
import dev.cascade.plan.unit.domain.UnitRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bundled unit register and reform rules, and the stored units as the directory (and lineage) that plans are
 * checked against.
 */
@Configuration(proxyBeanMethods = false)
class UnitConfiguration {

    @Bean
    UnitRegister unitRegister() {
        return UnitRegister.load();
    }

    @Bean
    UnitDirectory unitDirectory(UnitStore store) {
        return store::findAll;
    }

    @Bean
    UnitLineage unitLineage(UnitStore store) {
        return store::formedFrom;
    }

    @Bean
    ReformRules reformRules() {
        return ReformRules.load();
    }
}

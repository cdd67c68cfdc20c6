package dev.cascade.platform.security;

import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.test.FixedUnitTree;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Map;

/** A service with a small unit tree and two guarded endpoints: what every service does with the platform's rules. */
@SpringBootApplication
public class GuardedService {

    /**
     * BGDDT › 22 › 294 › {10507, 10510}; BGDDT › 22 › 295; BGDDT › 01 › 001 › 00001. Commune 10510 was merged away
     * on 2025-07-01.
     */
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    static UnitHierarchy tree() {
        Map<String, String> parents = Map.of("22", "BGDDT", "294", "22", "295", "22", "10507", "294",
                "10510", "294", "01", "BGDDT", "001", "01", "00001", "001");
        UnitHierarchy before = FixedUnitTree.of("BGDDT", parents);
        return (unit, day) -> "10510".equals(unit) && !day.isBefore(REFORM) ? java.util.Optional.empty()
                : before.placeOn(unit, day);
    }

    @Bean
    UnitHierarchy units() {
        return tree();
    }

    @RestController
    static class Reports {

        private final AccessRules rules;
        private final AuditTrail audit;

        Reports(AccessRules rules, AuditTrail audit) {
            this.rules = rules;
            this.audit = audit;
        }

        @GetMapping("/units/{unit}/report")
        Map<String, String> read(@PathVariable String unit, Caller caller) {
            Grant grant = rules.read(caller, unit, LocalDate.of(2026, 12, 1));
            return Map.of("unit", unit, "reader", caller.subject(), "role", grant.role().name());
        }

        @PostMapping("/units/{unit}/report")
        Map<String, String> submit(@PathVariable String unit, Caller caller) {
            Grant grant = rules.actFor(caller, Role.REPORTER, unit, LocalDate.of(2026, 12, 1));
            audit.record(grant, AuditedChange.of("report.submitted", "report", "r-" + unit, unit, null, 1L));
            return Map.of("unit", unit, "by", caller.subject());
        }
    }
}

package dev.cascade.aggregation;

import dev.cascade.platform.security.Role;
import dev.cascade.platform.security.UnitHierarchy;
import dev.cascade.platform.test.FixedUnitTree;
import dev.cascade.platform.test.TestIssuer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/**
 * The units of the web slices ({@link AggregationWebSlice}), as the access rules see them: BGDDT › 30 › 294 ›
 * {10813, 10825}; BGDDT › 30 › 295 › 10999; BGDDT › 01 › 001. Every day alike (the slices' reads are judged on today,
 * their stores being mocks).
 */
@TestConfiguration(proxyBeanMethods = false)
public class SliceUnits {

    /** The ministry's analyst: reads every unit. */
    public static final String MINISTRY = TestIssuer.shared().bearer("viewer-BGDDT", "BGDDT", Role.VIEWER);

    static final Map<String, String> PARENTS = Map.of("30", "BGDDT", "01", "BGDDT", "294", "30", "295", "30",
            "001", "01", "10813", "294", "10825", "294", "10999", "295");

    @Bean
    UnitHierarchy sliceUnits() {
        return FixedUnitTree.of("BGDDT", PARENTS);
    }
}

package dev.cascade.aggregation;

import dev.cascade.platform.test.ServiceArchitecture;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    static final JavaClasses CLASSES = ServiceArchitecture.mainClasses("dev.cascade.aggregation");

    /** The boundary rules every service shares (platform's {@code ServiceArchitecture}). */
    @Test
    void theSharedBoundaryRulesHold() {
        ServiceArchitecture.verify("dev.cascade.aggregation");
    }

    @Test
    void rollUpDomainDependsOnNoFramework() {
        noClasses().that().resideInAPackage("dev.cascade.aggregation.rollup")
                .or().haveFullyQualifiedName("dev.cascade.aggregation.plan.ExpectedReporters")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.bson..", "org.apache.kafka..", "tools.jackson..")
                .check(CLASSES);
    }

    @Test
    void onlyTheMessagingEdgeKnowsTheBindings() {
        noClasses().that().resideOutsideOfPackage("dev.cascade.aggregation.messaging")
                .should().dependOnClassesThat().resideInAPackage("dev.cascade.aggregation.messaging")
                .check(CLASSES);
    }
}

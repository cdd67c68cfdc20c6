package dev.cascade.plan;

import dev.cascade.platform.test.ServiceArchitecture;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Domain code stays free of frameworks; features do not form cycles. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.cascade.plan");

    /** The boundary rules every service shares (platform's {@code ServiceArchitecture}). */
    @Test
    void theSharedBoundaryRulesHold() {
        ServiceArchitecture.verify("dev.cascade.plan");
    }

    @Test
    void domainClassesDoNotDependOnSpringStoresOrJson() {
        noClasses().that().resideInAnyPackage("..domain..", "dev.cascade.plan.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.bson..", "tools.jackson..", "org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    void domainClassesDoNotDependOnAdapters() {
        noClasses().that().resideInAnyPackage("..domain..", "dev.cascade.plan.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cascade.platform.outbox..",
                        "org.apache.kafka..", "dev.cascade.plan.web..", "dev.cascade.plan.demo..")
                .check(CLASSES);
    }

    @Test
    void domainPackagesAreFreeOfCycles() {
        slices().matching("dev.cascade.plan.(**).domain..").should().beFreeOfCycles().check(CLASSES);
    }
}

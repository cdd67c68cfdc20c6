package dev.cascade.report;

import dev.cascade.platform.test.ServiceArchitecture;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package by feature: the features (unit, programme, obligation, submission, outbox, web, messaging) depend on each
 * other without cycles, and only Spring beans (and what they nest) touch Spring: domain types, records and rules
 * are plain Java.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ServiceArchitecture.mainClasses("dev.cascade.report");

    private static final DescribedPredicate<JavaClass> SPRING_BEAN_OR_NESTED_IN_ONE =
            DescribedPredicate.describe("Spring beans and the classes they nest", ArchitectureTest::beanOrNested);

    /** The boundary rules every service shares (platform's {@code ServiceArchitecture}). */
    @Test
    void theSharedBoundaryRulesHold() {
        ServiceArchitecture.verify("dev.cascade.report");
    }

    @Test
    void featuresHaveNoCycles() {
        slices().matching("dev.cascade.report.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlySpringBeansDependOnSpring() {
        noClasses().that(DescribedPredicate.not(SPRING_BEAN_OR_NESTED_IN_ONE))
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    private static boolean beanOrNested(JavaClass type) {
        for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (c.isMetaAnnotatedWith(Component.class) || c.isAnnotatedWith(Component.class)) {
                return true;
            }
        }
        return false;
    }
}

package dev.cascade.platform.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The one set of boundary rules every service verifies (its {@code ArchitectureTest} calls {@link #verify}):
 * <ul>
 *   <li>feature packages ({@code <service>.<feature>..}) depend on each other without cycles;</li>
 *   <li>only the HTTP edge knows HTTP: outside {@code ..web..} and the {@code *Controller} classes, no class depends
 *       on the servlet API, Spring MVC or {@code ResponseEntity}/{@code HttpStatus} (refusals are
 *       {@code RequestRefused} with a reason; HTTP <em>clients</em>, e.g. a webhook, are allowed);</li>
 *   <li>domain packages ({@code ..domain..}) depend on no framework, no platform and no outbox: plain Java.</li>
 * </ul>
 * {@code ServiceArchitectureTest} in the platform shows each rule failing on a planted violation.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {
    }

    /** Checks every rule on the main classes of {@code basePackage} (e.g. {@code dev.cascade.report}). */
    public static void verify(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage);
        rules(basePackage).forEach(rule -> rule.check(classes));
    }

    public static List<ArchRule> rules(String basePackage) {
        return List.of(
                slices().matching(basePackage + ".(*)..").should().beFreeOfCycles()
                        .as("feature packages of " + basePackage + " depend on each other without cycles")
                        .allowEmptyShould(true),
                noClasses().that().resideOutsideOfPackage("..web..")
                        .and().haveSimpleNameNotEndingWith("Controller")
                        .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..",
                                "org.springframework.web.bind..", "org.springframework.web.servlet..",
                                "org.springframework.web.context..")
                        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.http.ResponseEntity")
                        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.http.HttpStatus")
                        .as("only controllers and web packages of " + basePackage + " know HTTP")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage("..domain..")
                        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                                "com.mongodb..", "org.bson..", "dev.cascade.platform..")
                        .as("domain packages of " + basePackage + " are plain Java")
                        .allowEmptyShould(true));
    }
}

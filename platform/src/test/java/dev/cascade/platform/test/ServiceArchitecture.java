package dev.cascade.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
 *   <li>domain packages ({@code ..domain..}) depend on no framework, no platform and no outbox: plain Java;</li>
 *   <li>a feature reads and writes only its own MongoDB collections: a collection is named once, by a
 *       {@code COLLECTION} constant in its feature, and no other feature names it, neither by that constant nor by
 *       its name in quotes (checked on the sources: javac inlines string constants, so the classes cannot show
 *       it).</li>
 * </ul>
 * {@code ServiceArchitectureTest} in the platform shows each rule failing on a planted violation.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {
    }

    /** The main classes of {@code basePackage} (e.g. {@code dev.cascade.report}), without its tests. */
    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** Checks every rule on the main classes of {@code basePackage} (e.g. {@code dev.cascade.report}). */
    public static void verify(String basePackage) {
        JavaClasses classes = mainClasses(basePackage);
        rules(basePackage).forEach(rule -> rule.check(classes));
        List<String> foreign = foreignCollections(Path.of("src/main/java"), basePackage);
        if (!foreign.isEmpty()) {
            throw new AssertionError("features of " + basePackage + " use only their own collections, but:\n  "
                    + String.join("\n  ", foreign));
        }
    }

    private static final Pattern DECLARED =
            Pattern.compile("static final String (\\w*COLLECTION\\w*)\\s*=\\s*\"([^\"]+)\";");

    /**
     * Where a feature of {@code basePackage} names another feature's collection, in the sources beneath
     * {@code sourceRoot}: {@code Owner.COLLECTION} or the collection's name in quotes. A feature is the first package
     * beneath {@code basePackage}.
     */
    public static List<String> foreignCollections(Path sourceRoot, String basePackage) {
        Path base = sourceRoot.resolve(basePackage.replace('.', '/'));
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        record Collection(String feature, String owner, String constant, String name) {
        }
        List<Collection> collections = new ArrayList<>();
        sources.forEach((file, text) -> {
            Matcher declared = DECLARED.matcher(text);
            while (declared.find()) {
                collections.add(new Collection(feature(base, file), className(file), declared.group(1),
                        declared.group(2)));
            }
        });
        List<String> foreign = new ArrayList<>();
        sources.forEach((file, text) -> collections.stream()
                .filter(c -> !c.feature().equals(feature(base, file)))
                .filter(c -> text.contains(c.owner() + "." + c.constant()) || namesInQuotes(text, c.name()))
                .forEach(c -> foreign.add(base.relativize(file) + " names collection '" + c.name() + "' of feature '"
                        + c.feature() + "' (" + c.owner() + "." + c.constant() + ")")));
        return foreign;
    }

    /** The name as a constant's value, or as the last argument of a call (where MongoTemplate takes a collection). */
    private static boolean namesInQuotes(String text, String name) {
        String quoted = Pattern.quote("\"" + name + "\"");
        return Pattern.compile("static final String \\w+\\s*=\\s*" + quoted + ";|,\\s*" + quoted + "\\s*\\)")
                .matcher(text).find();
    }

    private static String feature(Path base, Path file) {
        Path relative = base.relativize(file);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    }

    private static String className(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
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

package dev.cascade.platform.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.cascade.platform.test.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared boundary rules fail on planted violations (package {@code planted}), and name them. */
class ServiceArchitectureTest {

    private static final String PLANTED = "dev.cascade.platform.architecture.planted";

    @Test
    void aServiceClassThatKnowsHttpAndADomainRecordWithOutboxFieldsAreFound() {
        JavaClasses classes = new ClassFileImporter().importPackages(PLANTED);
        List<ArchRule> rules = ServiceArchitecture.rules(PLANTED);

        assertThat(rules.get(0).evaluate(classes).hasViolation()).as("no cycle planted").isFalse();
        assertThat(rules.get(1).evaluate(classes).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("Leaky", "HttpStatus"));
        assertThat(rules.get(2).evaluate(classes).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("Aware", "OutboxEvent"));
        assertThatThrownBy(() -> rules.get(1).check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("know HTTP");
    }

    @Test
    void aFeatureThatNamesAnotherFeaturesCollectionIsFound() {
        assertThat(ServiceArchitecture.foreignCollections(Path.of("src/test/java"), PLANTED))
                .containsExactly(
                        "feature/Nosy.java names collection 'things' of feature 'store' (Things.COLLECTION)",
                        "feature/Sneaky.java names collection 'things' of feature 'store' (Things.COLLECTION)");
    }
}

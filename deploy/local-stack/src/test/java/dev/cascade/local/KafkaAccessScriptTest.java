package dev.cascade.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Compose and Kubernetes set up users and ACLs with a script generated from the same table as the local broker's. */
class KafkaAccessScriptTest {

    @Test
    void theDeploymentScriptIsTheDerivedTable() throws Exception {
        Path script = Path.of("../k8s/kafka-security.sh");
        assertThat(Files.readString(script)).as("deploy/k8s/kafka-security.sh is stale: regenerate it (see its header)")
                .isEqualTo(KafkaAccess.script());
    }

    @Test
    void theMinistryGetsThreeGrantsAndEveryServiceItsGroup() {
        assertThat(KafkaAccess.grants()).filteredOn(g -> g.principal().equals(KafkaCredentials.MINISTRY))
                .extracting(KafkaAccess.Grant::toString).containsExactlyInAnyOrder(
                        "ministry               READ     topic  cascade.aggregates.v1",
                        "ministry               DESCRIBE topic  cascade.aggregates.v1",
                        "ministry               READ     group  ministry.*");
        assertThat(KafkaAccess.consumerGroups("report-service")).containsExactly("report-service");
        // the report path's two bindings have groups of their own (classic protocol, aggregation-service.yml)
        assertThat(KafkaAccess.consumerGroups("aggregation-service")).containsExactly("aggregation-service",
                "aggregation-service-reports", "aggregation-service-rollups");
        assertThat(KafkaAccess.consumerGroups("notification-service")).containsExactly("notification-service");
        assertThat(KafkaAccess.consumerGroups("plan-service")).isEmpty();
    }

    @Test
    void eachGroupReadsTheTopicsItsBindingsName() {
        assertThat(KafkaAccess.consumerInputs("report-service")).isEqualTo(Map.of(
                "report-service", Set.of("cascade.units.v1", "cascade.plans.v1")));
        assertThat(KafkaAccess.consumerInputs("aggregation-service")).isEqualTo(Map.of(
                "aggregation-service", Set.of("cascade.units.v1", "cascade.plans.v1"),
                "aggregation-service-reports", Set.of("cascade.reports.v1"),
                "aggregation-service-rollups", Set.of("cascade.rollup.v1")));
        assertThat(KafkaAccess.consumerInputs("notification-service")).isEqualTo(Map.of(
                "notification-service", Set.of("cascade.units.v1", "cascade.obligations.v1", "cascade.plans.v1")));
        assertThat(KafkaAccess.consumerInputs("plan-service")).isEmpty();
    }
}
